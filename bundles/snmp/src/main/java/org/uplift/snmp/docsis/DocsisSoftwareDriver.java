package org.uplift.snmp.docsis;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.snmp.session.Answers;
import org.uplift.snmp.session.FixedServerPort;
import org.uplift.snmp.session.SnmpSession;

/**
 * Downloads software to cable modems through DOCS-CABLE-DEVICE-MIB's docsDevSoftware group (RFC
 * 4639). The group is scalars, not a row: one download at a time, handle index 0; the modem
 * reboots into the new image by itself once it has it, and reports the outcome in
 * docsDevSwOperStatus across that reboot.
 */
@Component(service = DeviceDriver.class, configurationPid = DocsisSoftwareDriver.PID, property = {
    DeviceDriver.NAME_PROPERTY + "=" + DocsisSoftwareDriver.NAME,
    DeviceDriver.SYS_OBJECT_ID_PROPERTY + "=" + DocsDevMib.SIMULATED_PREFIX
})
@Designate(ocd = DocsisSoftwareDriver.Config.class)
public final class DocsisSoftwareDriver implements DeviceDriver {

    static final String NAME = "docsis-sw";
    static final String PID = "org.uplift.snmp.docsis";
    private static final OperationHandle THE_DOWNLOAD = new OperationHandle(0);
    /** DOCSIS devices describe themselves as {@code <<HW_REV: ..; VENDOR: ..; SW_REV: ..; MODEL: ..>>} in sysDescr. */
    private static final Pattern MODEL = Pattern.compile("MODEL:\\s*([^;>]*?)\\s*(;|>>)");

    @ObjectClassDefinition(name = "Uplift DOCS-CABLE-DEVICE-MIB software driver", description = "How Uplift "
            + "downloads software to cable modems")
    public @interface Config {

        @AttributeDefinition(name = "Time-out (ms)", description = "How long to wait for each SNMP answer", min = "1")
        int timeoutMillis() default 1500;

        @AttributeDefinition(name = "Retries", description = "How often to resend an unanswered SNMP request", min = "0")
        int retries() default 1;

        @AttributeDefinition(name = "Devices' TFTP port", description = "The MIB cannot name a server port: the "
                + "TFTP port the modems download from (69 on real modems); Uplift's TFTP server must listen there",
                min = "1", max = "65535")
        int tftpPort() default 69;
    }

    private final SnmpSession session;
    private final FixedServerPort serverPort;

    @Activate
    public DocsisSoftwareDriver(Config config) throws IOException {
        this.session = new SnmpSession(config.timeoutMillis(), config.retries());
        // the group also allows HTTP (transport 2); Uplift serves TFTP and FTP, so only TFTP is spoken here
        this.serverPort = new FixedServerPort("DOCS-CABLE-DEVICE-MIB", PID, config.tftpPort(), 0);
    }

    @Deactivate
    void deactivate() throws IOException {
        session.close();
    }

    @Override
    public boolean supports(OperationType type) {
        return type == OperationType.DOWNLOAD_FIRMWARE;
    }

    /** docsDevSwCurrentVers is the running version; the MIB knows no kept version, format or configuration digest. */
    @Override
    public DeviceFacts facts(Device device) throws DeviceException {
        List<VariableBinding> answer = session.get(device, DocsDevMib.SYS_OBJECT_ID, DocsDevMib.SYS_UP_TIME,
                DocsDevMib.SYS_DESCR, DocsDevMib.SW_CURRENT_VERS);
        for (VariableBinding binding : answer) {
            if (binding.isException()) {
                throw new DeviceException(SnmpSession.describe(device) + " does not implement DOCS-CABLE-DEVICE-MIB: "
                        + binding.getOid().toDottedString() + " is " + binding.getVariable()
                        + "; choose another driver for it", false);
            }
        }
        return new DeviceFacts(Answers.oid(device, answer.get(0)), Answers.unsigned(device, answer.get(1)),
                model(Answers.text(device, answer.get(2))), Answers.text(device, answer.get(3)), "", "", "");
    }

    @Override
    public OperationHandle start(Device device, OperationRequest request) throws DeviceException {
        if (!supports(request.type())) {
            throw new DeviceException(SnmpSession.describe(device) + ": DOCS-CABLE-DEVICE-MIB downloads software "
                    + "only; " + request.type() + " needs another driver", false);
        }
        if (request.protocol() != TransferProtocol.TFTP) {
            throw new DeviceException(SnmpSession.describe(device) + ": a cable modem downloads its software over "
                    + "TFTP (or HTTP), not " + request.protocol(), false);
        }
        serverPort.check(device, request);
        InetAddress server = resolve(device, request.serverHost());
        // the parameters first, then the trigger: an agent may apply one SET's variables in any order
        session.set(device,
                new VariableBinding(DocsDevMib.SW_SERVER_ADDRESS_TYPE, new Integer32(
                        server instanceof Inet6Address ? DocsDevMib.ADDRESS_IPV6 : DocsDevMib.ADDRESS_IPV4)),
                new VariableBinding(DocsDevMib.SW_SERVER_ADDRESS, new OctetString(server.getAddress())),
                new VariableBinding(DocsDevMib.SW_FILENAME, new OctetString(request.fileName()
                        .getBytes(StandardCharsets.UTF_8))),
                new VariableBinding(DocsDevMib.SW_SERVER_TRANSPORT_PROTOCOL, new Integer32(DocsDevMib.TRANSPORT_TFTP)));
        session.set(device, new VariableBinding(DocsDevMib.SW_ADMIN_STATUS,
                new Integer32(DocsDevMib.ADMIN_UPGRADE_FROM_MGT)));
        return THE_DOWNLOAD;
    }

    @Override
    public OperationStatus status(Device device, OperationHandle handle) throws DeviceException {
        VariableBinding oper = session.get(device, DocsDevMib.SW_OPER_STATUS).get(0);
        if (oper.isException()) {
            return new OperationStatus(OperationState.UNKNOWN, null, null, 0);
        }
        return switch (Answers.integer(device, oper)) {
            case DocsDevMib.OPER_IN_PROGRESS -> new OperationStatus(OperationState.RUNNING, null, null, 0);
            case DocsDevMib.OPER_COMPLETE_FROM_MGT -> new OperationStatus(OperationState.SUCCESSFUL, null, null, 0);
            case DocsDevMib.OPER_FAILED -> new OperationStatus(OperationState.FAILED, "failed",
                    "docsDevSwOperStatus is failed(4); DOCS-CABLE-DEVICE-MIB carries no cause, the modem's event log "
                            + "(docsDevEventTable) may name it", 0);
            // completeFromProvisioning(2) or other(5): the modem no longer reports the download Uplift started
            default -> new OperationStatus(OperationState.UNKNOWN, null, null, 0);
        };
    }

    /** Nothing to delete: the group is scalars. */
    @Override
    public void release(Device device, OperationHandle handle) {
    }

    static String model(String sysDescr) {
        Matcher matcher = MODEL.matcher(sysDescr);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static InetAddress resolve(Device device, String host) throws DeviceException {
        if (host == null || host.isBlank()) {
            throw new DeviceException(SnmpSession.describe(device) + ": a software download needs the file "
                    + "server's address", false);
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new DeviceException(SnmpSession.describe(device) + ": cannot resolve the file server's host '"
                    + host + "'", false, e);
        }
    }
}
