package org.uplift.simulator.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.uplift.simulator.ops.FailCause;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.OpType;

/**
 * DOCS-CABLE-DEVICE-MIB (RFC 4639) docsDevSoftware scalars and docsDevResetNow. There is no row:
 * the manager sets the server (docsDevSwServerAddressType/Address, or the deprecated IPv4-only
 * docsDevSwServer), the file name and the transport (tftp or http), then docsDevSwAdminStatus to
 * upgradeFromMgt, which starts the download. While it runs docsDevSwOperStatus reads inProgress and
 * the other software objects refuse SETs. A good image makes the modem reboot by itself; it comes
 * back reporting completeFromMgt and the new docsDevSwCurrentVers. A failed download reads failed
 * and the old image keeps running. The MIB names no server port, so the download uses the
 * device's configured TFTP or HTTP port.
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
    static final int TRANSPORT_TFTP = 1;
    static final int TRANSPORT_HTTP = 2;
    // InetAddressType (INET-ADDRESS-MIB)
    static final int ADDRESS_UNKNOWN = 0;
    static final int ADDRESS_IPV4 = 1;
    static final int ADDRESS_IPV6 = 2;
    static final int ADDRESS_DNS = 16;
    /** docsDevSwFilename is SnmpAdminString (SIZE (0..64)); docsDevSwCurrentVers an SnmpAdminString (0..255). */
    private static final int MAX_FILENAME = 64;
    private static final int MAX_TEXT = 255;
    private static final int TRUE = 1;
    private static final int FALSE = 2;

    private final MOScalar<OctetString> fileName = new Software<>(2, new OctetString());
    private final Trigger adminStatus;
    private volatile int operStatus = OPER_OTHER;
    private final MOScalar<Integer32> serverAddressType = new Software<>(6, new Integer32(ADDRESS_UNKNOWN));
    private final MOScalar<OctetString> serverAddress = new Software<>(7, new OctetString());
    private final MOScalar<Integer32> transportProtocol = new Software<>(8, new Integer32(TRANSPORT_TFTP));
    private final MOScalar<IpAddress> server = new Ipv4Server();
    private final MOScalar<Integer32> resetNow;
    private final DeviceView device;
    private final int tftpPort;
    private final int httpPort;
    /** The download succeeded and the modem is about to reboot: completeFromMgt is reported once it is back. */
    private volatile boolean completeAtBoot;
    private volatile int adminBeforeUpgrade = ADMIN_ALLOW_PROVISIONING_UPGRADE;

    /**
     * @param starter  receives the download when upgradeFromMgt is set; must return at once
     * @param reset    reboots the device (docsDevResetNow set to true)
     * @param device   what docsDevSwCurrentVers reports
     * @param tftpPort the file server's TFTP port
     * @param httpPort the file server's HTTP port
     */
    DocsisSoftware(BiConsumer<OpRequest, OpReport> starter, Runnable reset, DeviceView device, int tftpPort,
            int httpPort) {
        this.device = device;
        this.tftpPort = tftpPort;
        this.httpPort = httpPort;
        this.adminStatus = new Trigger(instance(3), ADMIN_ALLOW_PROVISIONING_UPGRADE, value -> {
            if (value == ADMIN_UPGRADE_FROM_MGT) {
                operStatus = OPER_IN_PROGRESS; // at once, so no poll reads the previous outcome
                completeAtBoot = false;
                starter.accept(request(), new SoftwareReport());
            } else {
                adminBeforeUpgrade = value;
            }
        }, ADMIN_UPGRADE_FROM_MGT, ADMIN_ALLOW_PROVISIONING_UPGRADE, ADMIN_IGNORE_PROVISIONING_UPGRADE);
        this.resetNow = new ResetNow(reset);
        allow(serverAddressType, ADDRESS_UNKNOWN, ADDRESS_IPV4, ADDRESS_IPV6, 3, 4, ADDRESS_DNS);
        allow(transportProtocol, TRANSPORT_TFTP, TRANSPORT_HTTP);
        serverAddressType.addMOValueValidationListener(event -> {
            // RFC 4639: with tftp(1) as the transport, setting dns(16) MUST be an error
            if (event.getNewValue() instanceof Integer32 type && type.getValue() == ADDRESS_DNS
                    && transportProtocol.getValue().getValue() == TRANSPORT_TFTP) {
                event.setValidationStatus(PDU.inconsistentValue);
            }
        });
        transportProtocol.addMOValueValidationListener(event -> {
            // ... and with dns(16) as the address type, setting tftp(1)
            if (event.getNewValue() instanceof Integer32 protocol && protocol.getValue() == TRANSPORT_TFTP
                    && serverAddressType.getValue().getValue() == ADDRESS_DNS) {
                event.setValidationStatus(PDU.inconsistentValue);
            }
        });
        fileName.addMOValueValidationListener(event -> event.setValidationStatus(
                adminString(event.getNewValue(), MAX_FILENAME)));
        serverAddress.addMOValueValidationListener(event -> event.setValidationStatus(
                event.getNewValue() instanceof OctetString octets && octets.length() <= MAX_TEXT ? PDU.noError
                        : PDU.wrongLength));
    }

    void register(MOServer mibServer) throws DuplicateRegistrationException {
        for (ManagedObject<?> object : new ManagedObject<?>[]{server, fileName, adminStatus,
                new LiveScalar<>(instance(4), () -> new Integer32(operStatus)),
                new LiveScalar<>(instance(5), () -> bounded(device.runningVersion())),
                serverAddressType, serverAddress, transportProtocol, resetNow}) {
            mibServer.register(object, null);
        }
    }

    /**
     * The device starts rebooting (its agent is already silent): a download that succeeded is now
     * complete, and reads so once the modem is back; one still under way (a hung transfer, then a
     * docsDevResetNow) died with the reboot, so it reads failed and the objects unlock. The objects
     * set over SNMP survive, as the software objects of real modems do.
     */
    void rebooting() {
        if (completeAtBoot) {
            completeAtBoot = false;
            adminStatus.setValue(new Integer32(ADMIN_IGNORE_PROVISIONING_UPGRADE));
            operStatus = OPER_COMPLETE_FROM_MGT;
        } else if (operStatus == OPER_IN_PROGRESS) {
            adminStatus.setValue(new Integer32(adminBeforeUpgrade));
            operStatus = OPER_FAILED;
        }
    }

    private static OID instance(int object) {
        return new OID(SOFTWARE).append(object).append(0);
    }

    private OpRequest request() {
        boolean http = transportProtocol.getValue().getValue() == TRANSPORT_HTTP;
        String name = new String(fileName.getValue().getValue(), StandardCharsets.UTF_8);
        if (http && name.startsWith("/")) {
            name = name.substring(1); // an abs_path (RFC 2616): the client asks for /<file name>
        }
        return new OpRequest(0, OpType.DOWNLOAD_FIRMWARE, http ? OpRequest.PROTOCOL_HTTP : OpRequest.PROTOCOL_TFTP,
                address(), http ? httpPort : tftpPort, name);
    }

    private InetAddress address() {
        int type = serverAddressType.getValue().getValue();
        byte[] bytes = serverAddress.getValue().getValue();
        if ((type == ADDRESS_IPV4 && bytes.length == 4) || (type == ADDRESS_IPV6 && bytes.length == 16)) {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static OctetString bounded(String text) {
        byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        return new OctetString(bytes.length <= MAX_TEXT ? bytes : Arrays.copyOf(bytes, MAX_TEXT));
    }

    /** noError for UTF-8 text of at most {@code max} bytes (SnmpAdminString), else the SET's error. */
    private static int adminString(Variable value, int max) {
        if (!(value instanceof OctetString octets)) {
            return PDU.wrongType;
        }
        if (octets.length() > max) {
            return PDU.wrongLength;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets.getValue()));
            return PDU.noError;
        } catch (CharacterCodingException e) {
            return PDU.wrongValue;
        }
    }

    private static void allow(MOScalar<Integer32> scalar, int... allowed) {
        scalar.addMOValueValidationListener(event -> {
            if (!(event.getNewValue() instanceof Integer32 number)
                    || Arrays.stream(allowed).noneMatch(a -> a == number.getValue())) {
                event.setValidationStatus(PDU.wrongValue);
            }
        });
    }

    /**
     * docsDevSwOperStatus follows the download; the MIB has no fail cause, so the cause is dropped.
     * Success stays inProgress until the reboot that follows it (see {@link #rebooting()}).
     */
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
            // RFC 4639: after a good image the modem sets ignoreProvisioningUpgrade and reboots
            completeAtBoot = true;
        }

        @Override
        public void failed(FailCause cause, String message) {
            adminStatus.setValue(new Integer32(adminBeforeUpgrade));
            operStatus = OPER_FAILED;
        }
    }

    /** A read-write docsDevSw* scalar: while a download is in progress it refuses every SET (RFC 4639). */
    private class Software<V extends Variable> extends MOScalar<V> {

        Software(int object, V initial) {
            this(instance(object), initial);
        }

        Software(OID instance, V initial) {
            super(instance, MOAccessImpl.ACCESS_READ_WRITE, initial);
        }

        @Override
        public void prepare(SubRequest<?> request) {
            if (locked()) {
                request.getStatus().setErrorStatus(PDU.inconsistentValue);
                return;
            }
            super.prepare(request);
        }

        boolean locked() {
            return operStatus == OPER_IN_PROGRESS;
        }
    }

    /**
     * docsDevSwServer (deprecated): the IPv4 view of docsDevSwServerAddress. It reads 0.0.0.0 unless
     * the server is an IPv4 address; setting it sets the address type to ipv4 and the address.
     */
    private final class Ipv4Server extends Software<IpAddress> {
        Ipv4Server() {
            super(1, new IpAddress("0.0.0.0"));
        }

        @Override
        public IpAddress getValue() {
            byte[] bytes = serverAddress.getValue().getValue();
            return serverAddressType.getValue().getValue() == ADDRESS_IPV4 && bytes.length == 4
                    ? new IpAddress(bytes) : new IpAddress("0.0.0.0");
        }

        @Override
        public int setValue(IpAddress value) {
            serverAddressType.setValue(new Integer32(ADDRESS_IPV4));
            serverAddress.setValue(new OctetString(value.toByteArray()));
            return PDU.noError;
        }
    }

    /** A read-write enumeration whose committed value triggers an action. */
    private class Trigger extends Software<Integer32> {
        private final IntConsumer action;

        Trigger(OID instance, int initial, IntConsumer action, int... allowed) {
            super(instance, new Integer32(initial));
            this.action = action;
            allow(this, allowed);
        }

        @Override
        public void commit(SubRequest<?> request) {
            super.commit(request);
            if (request.getStatus().getErrorStatus() == PDU.noError) {
                action.accept(super.getValue().toInt());
            }
        }
    }

    /** docsDevResetNow: writing true(1) reboots; reading always gives false(2), as RFC 4639 says. Never locked. */
    private final class ResetNow extends Trigger {
        ResetNow(Runnable reset) {
            super(RESET_NOW, FALSE, value -> {
                if (value == TRUE) {
                    reset.run();
                }
            }, TRUE, FALSE);
        }

        @Override
        boolean locked() {
            return false; // not a docsDevSw* object: a reset is allowed at any time
        }

        @Override
        public Integer32 getValue() {
            return new Integer32(FALSE);
        }
    }
}
