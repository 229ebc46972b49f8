package org.uplift.simulator.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

import org.snmp4j.PDU;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.uplift.simulator.ops.FailCause;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.OpType;

/**
 * DOCS-CABLE-DEVICE-MIB (RFC 4639) docsDevSoftware scalars and docsDevResetNow. There is no row:
 * the manager sets server, file name and protocol, then docsDevSwAdminStatus to upgradeFromMgt,
 * which starts the download; docsDevSwOperStatus tells how it went, and survives the reboot into
 * the new image (as on a real cable modem). The MIB names no server port, so the download uses
 * the device's configured TFTP port.
 */
final class DocsisSoftware {

    static final OID SOFTWARE = new OID("1.3.6.1.2.1.69.1.3");
    static final OID RESET_NOW = new OID("1.3.6.1.2.1.69.1.1.3.0");
    /** A simulated product id under CableLabs' enterprise number (4491); not a real modem's. */
    static final OID SIMULATED_PRODUCT = new OID("1.3.6.1.4.1.4491.99.1");

    static final int ADMIN_UPGRADE_FROM_MGT = 1;
    static final int ADMIN_ALLOW_PROVISIONING_UPGRADE = 2;
    static final int ADMIN_IGNORE_PROVISIONING_UPGRADE = 3;
    static final int OPER_IN_PROGRESS = 1;
    static final int OPER_COMPLETE_FROM_MGT = 3;
    static final int OPER_FAILED = 4;
    static final int OPER_OTHER = 5;
    private static final int TRUE = 1;
    private static final int FALSE = 2;

    private final MOScalar<OctetString> fileName = new MOScalar<>(instance(2), MOAccessImpl.ACCESS_READ_WRITE,
            new OctetString());
    private final MOScalar<Integer32> adminStatus;
    private volatile int operStatus = OPER_OTHER;
    private final MOScalar<Integer32> serverAddressType = Columns.enumeration(instance(6), 1, 0, 1, 2, 3, 4, 16);
    private final MOScalar<OctetString> serverAddress = new MOScalar<>(instance(7), MOAccessImpl.ACCESS_READ_WRITE,
            new OctetString());
    private final MOScalar<Integer32> transportProtocol = Columns.enumeration(instance(8), 1, 1, 2);
    private final MOScalar<Integer32> resetNow;
    private final DeviceView device;
    private final int tftpPort;

    /**
     * @param starter  receives the download when upgradeFromMgt is set; must return at once
     * @param reset    reboots the device (docsDevResetNow set to true)
     * @param device   what docsDevSwCurrentVers reports
     * @param tftpPort the file server's TFTP port
     */
    DocsisSoftware(BiConsumer<OpRequest, OpReport> starter, Runnable reset, DeviceView device, int tftpPort) {
        this.device = device;
        this.tftpPort = tftpPort;
        this.adminStatus = new Trigger(instance(3), ADMIN_ALLOW_PROVISIONING_UPGRADE,
                value -> {
                    if (value == ADMIN_UPGRADE_FROM_MGT) {
                        operStatus = OPER_IN_PROGRESS; // at once, so no poll reads the previous outcome
                        starter.accept(request(), new SoftwareReport());
                    }
                }, ADMIN_UPGRADE_FROM_MGT, ADMIN_ALLOW_PROVISIONING_UPGRADE, ADMIN_IGNORE_PROVISIONING_UPGRADE);
        this.resetNow = new ResetNow(reset);
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        for (ManagedObject<?> object : new ManagedObject<?>[] {fileName, adminStatus,
            new LiveScalar<>(instance(4), () -> new Integer32(operStatus)),
            new LiveScalar<>(instance(5), () -> DeviceView.text(device.runningVersion())),
            serverAddressType, serverAddress, transportProtocol, resetNow}) {
            server.register(object, null);
        }
    }

    private static OID instance(int object) {
        return new OID(SOFTWARE).append(object).append(0);
    }

    private OpRequest request() {
        int protocol = transportProtocol.getValue().toInt() == 1 ? OpRequest.PROTOCOL_TFTP : 3; // http: unsupported
        return new OpRequest(0, OpType.DOWNLOAD_FIRMWARE, protocol, address(), tftpPort,
                new String(fileName.getValue().getValue(), StandardCharsets.UTF_8));
    }

    private InetAddress address() {
        int type = serverAddressType.getValue().toInt();
        byte[] bytes = serverAddress.getValue().getValue();
        if ((type == 1 && bytes.length == 4) || (type == 2 && bytes.length == 16)) {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** docsDevSwOperStatus follows the download; the MIB has no fail cause, so the cause is dropped. */
    private final class SoftwareReport implements OpReport {
        @Override
        public void running() {
            operStatus = OPER_IN_PROGRESS;
        }

        @Override
        public void bytes(long count) {
        }

        @Override
        public void successful() {
            // RFC 4639: after a successful upgradeFromMgt the modem ignores provisioning upgrades and reboots
            adminStatus.setValue(new Integer32(ADMIN_IGNORE_PROVISIONING_UPGRADE));
            operStatus = OPER_COMPLETE_FROM_MGT;
        }

        @Override
        public void failed(FailCause cause, String message) {
            operStatus = OPER_FAILED;
        }
    }

    /** A read-write enumeration whose committed value triggers an action; refuses a second upgrade while one runs. */
    private class Trigger extends MOScalar<Integer32> {
        private final IntConsumer action;

        Trigger(OID instance, int initial, IntConsumer action, int... allowed) {
            super(instance, MOAccessImpl.ACCESS_READ_WRITE, new Integer32(initial));
            this.action = action;
            addMOValueValidationListener(event -> {
                if (!(event.getNewValue() instanceof Integer32 number)
                        || Arrays.stream(allowed).noneMatch(a -> a == number.getValue())) {
                    event.setValidationStatus(PDU.wrongValue);
                }
            });
        }

        @Override
        public void prepare(SubRequest<?> request) {
            if (this == adminStatus && operStatus == OPER_IN_PROGRESS
                    && request.getVariableBinding().getVariable() instanceof Integer32 number
                    && number.getValue() == ADMIN_UPGRADE_FROM_MGT) {
                request.getStatus().setErrorStatus(PDU.inconsistentValue);
                return;
            }
            super.prepare(request);
        }

        @Override
        public void commit(SubRequest<?> request) {
            super.commit(request);
            if (request.getStatus().getErrorStatus() == PDU.noError) {
                action.accept(super.getValue().toInt());
            }
        }
    }

    /** docsDevResetNow: writing true(1) reboots; reading always gives false(2), as RFC 4639 says. */
    private final class ResetNow extends Trigger {
        ResetNow(Runnable reset) {
            super(RESET_NOW, FALSE, value -> {
                if (value == TRUE) {
                    reset.run();
                }
            }, TRUE, FALSE);
        }

        @Override
        public Integer32 getValue() {
            return new Integer32(FALSE);
        }
    }
}
