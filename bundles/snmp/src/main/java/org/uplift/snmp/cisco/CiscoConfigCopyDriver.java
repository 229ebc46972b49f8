package org.uplift.snmp.cisco;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
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
import org.uplift.snmp.iad.UpliftIadMib;
import org.uplift.snmp.session.Answers;
import org.uplift.snmp.session.FixedServerPort;
import org.uplift.snmp.session.RowCreation;
import org.uplift.snmp.session.SnmpRequestException;
import org.uplift.snmp.session.SnmpSession;

/**
 * Backs up and restores the configuration of devices that implement CISCO-CONFIG-COPY-MIB's
 * ccCopyTable: backup copies runningConfig to a networkFile, restore a networkFile to
 * runningConfig. Software download is not part of that MIB.
 */
@Component(service = DeviceDriver.class, configurationPid = CiscoConfigCopyDriver.PID, property = {
    DeviceDriver.NAME_PROPERTY + "=" + CiscoConfigCopyDriver.NAME,
    DeviceDriver.SYS_OBJECT_ID_PROPERTY + "=" + CiscoConfigCopyMib.CISCO_PREFIX
})
@Designate(ocd = CiscoConfigCopyDriver.Config.class)
public final class CiscoConfigCopyDriver implements DeviceDriver {

    static final String NAME = "cisco-config-copy";
    static final String PID = "org.uplift.snmp.cisco";

    @ObjectClassDefinition(name = "Uplift CISCO-CONFIG-COPY-MIB driver", description = "How Uplift backs up and "
            + "restores configurations of devices with CISCO-CONFIG-COPY-MIB")
    public @interface Config {

        @AttributeDefinition(name = "Time-out (ms)", description = "How long to wait for each SNMP answer", min = "1")
        int timeoutMillis() default 1500;

        @AttributeDefinition(name = "Retries", description = "How often to resend an unanswered SNMP request", min = "0")
        int retries() default 1;

        @AttributeDefinition(name = "Devices' TFTP port", description = "The MIB cannot name a server port: the "
                + "TFTP port the devices copy to (69 on real devices); Uplift's TFTP server must listen there",
                min = "1", max = "65535")
        int tftpPort() default 69;

        @AttributeDefinition(name = "Devices' FTP port", description = "The FTP port the devices copy to (21 on "
                + "real devices)", min = "1", max = "65535")
        int ftpPort() default 21;
    }

    private final SnmpSession session;
    private final RowCreation rows;
    private final FixedServerPort serverPort;

    @Activate
    public CiscoConfigCopyDriver(Config config) throws IOException {
        this.session = new SnmpSession(config.timeoutMillis(), config.retries());
        this.rows = new RowCreation(session);
        this.serverPort = new FixedServerPort("CISCO-CONFIG-COPY-MIB", PID, config.tftpPort(), config.ftpPort());
    }

    @Deactivate
    void deactivate() throws IOException {
        session.close();
    }

    @Override
    public boolean supports(OperationType type) {
        return type == OperationType.BACKUP_CONFIG || type == OperationType.RESTORE_CONFIG;
    }

    /**
     * sysObjectID and sysUpTime; the MIB has no object for the software version or a configuration
     * digest, so those come from UPLIFT-IAD-MIB's system group when the device also implements it,
     * and are empty otherwise.
     */
    @Override
    public DeviceFacts facts(Device device) throws DeviceException {
        List<VariableBinding> answer = session.get(device, UpliftIadMib.SYS_OBJECT_ID, UpliftIadMib.SYS_UP_TIME,
                UpliftIadMib.MODEL, UpliftIadMib.RUNNING_VERSION, UpliftIadMib.KEPT_VERSION,
                UpliftIadMib.CONFIG_FORMAT, UpliftIadMib.CONFIG_DIGEST);
        if (answer.get(0).isException() || answer.get(1).isException()) {
            throw new DeviceException(SnmpSession.describe(device) + " does not serve SNMPv2-MIB's sysObjectID and "
                    + "sysUpTime (" + answer.get(0).getVariable() + "); its agent is incomplete", false);
        }
        return new DeviceFacts(Answers.oid(device, answer.get(0)), Answers.unsigned(device, answer.get(1)),
                Answers.textOrEmpty(device, answer.get(2)), Answers.textOrEmpty(device, answer.get(3)),
                Answers.textOrEmpty(device, answer.get(4)), Answers.textOrEmpty(device, answer.get(5)),
                Answers.hexOrEmpty(device, answer.get(6)));
    }

    @Override
    public OperationHandle start(Device device, OperationRequest request) throws DeviceException {
        if (!supports(request.type())) {
            throw new DeviceException(SnmpSession.describe(device) + ": CISCO-CONFIG-COPY-MIB copies configurations "
                    + "only; " + request.type() + " needs another driver", false);
        }
        serverPort.check(device, request);
        List<VariableBinding> columns = copyRow(device, request);
        return new OperationHandle(rows.create(device, "ccCopyTable", index -> withIndex(columns, index)));
    }

    @Override
    public OperationStatus status(Device device, OperationHandle handle) throws DeviceException {
        List<VariableBinding> answer = session.get(device,
                CiscoConfigCopyMib.column(CiscoConfigCopyMib.STATE, handle.index()),
                CiscoConfigCopyMib.column(CiscoConfigCopyMib.FAIL_CAUSE, handle.index()));
        if (answer.get(0).isException()) {
            return new OperationStatus(OperationState.UNKNOWN, null, null, 0);
        }
        OperationState state = switch (Answers.integer(device, answer.get(0))) {
            case 1 -> OperationState.WAITING;
            case 2 -> OperationState.RUNNING;
            case 3 -> OperationState.SUCCESSFUL;
            case 4 -> OperationState.FAILED;
            default -> OperationState.UNKNOWN;
        };
        // ccCopyFailCause is instantiated only once the copy failed
        String cause = state == OperationState.FAILED && !answer.get(1).isException()
                ? CiscoConfigCopyMib.failCauseName(Answers.integer(device, answer.get(1))) : null;
        return new OperationStatus(state, cause, null, 0);
    }

    @Override
    public void release(Device device, OperationHandle handle) throws DeviceException {
        try {
            session.set(device, new VariableBinding(
                    CiscoConfigCopyMib.column(CiscoConfigCopyMib.ENTRY_ROW_STATUS, handle.index()),
                    new Integer32(CiscoConfigCopyMib.ROW_DESTROY)));
        } catch (SnmpRequestException e) {
            if (e.errorStatus() != PDU.noCreation && e.errorStatus() != PDU.inconsistentName
                    && e.errorStatus() != PDU.noSuchName && e.errorStatus() != PDU.inconsistentValue) {
                throw e;
            }
        }
    }

    /** The columns of one copy; the server goes into the Rev1 columns (the IPv4-only ccCopyServerAddress is deprecated). */
    private static List<VariableBinding> copyRow(Device device, OperationRequest request) throws DeviceException {
        boolean backup = request.type() == OperationType.BACKUP_CONFIG;
        boolean ftp = request.protocol() == TransferProtocol.FTP;
        InetAddress server = resolve(device, request.serverHost());
        List<VariableBinding> columns = new ArrayList<>();
        columns.add(column(CiscoConfigCopyMib.PROTOCOL,
                new Integer32(ftp ? CiscoConfigCopyMib.PROTOCOL_FTP : CiscoConfigCopyMib.PROTOCOL_TFTP)));
        columns.add(column(CiscoConfigCopyMib.SOURCE_FILE_TYPE, new Integer32(
                backup ? CiscoConfigCopyMib.FILE_RUNNING_CONFIG : CiscoConfigCopyMib.FILE_NETWORK)));
        columns.add(column(CiscoConfigCopyMib.DEST_FILE_TYPE, new Integer32(
                backup ? CiscoConfigCopyMib.FILE_NETWORK : CiscoConfigCopyMib.FILE_RUNNING_CONFIG)));
        columns.add(column(CiscoConfigCopyMib.SERVER_ADDRESS_TYPE, new Integer32(server instanceof Inet6Address
                ? CiscoConfigCopyMib.ADDRESS_IPV6 : CiscoConfigCopyMib.ADDRESS_IPV4)));
        columns.add(column(CiscoConfigCopyMib.SERVER_ADDRESS, new OctetString(server.getAddress())));
        columns.add(column(CiscoConfigCopyMib.FILE_NAME, utf8(request.fileName())));
        if (ftp && request.username() != null) {
            columns.add(column(CiscoConfigCopyMib.USER_NAME, utf8(request.username())));
        }
        if (ftp && request.password() != null) {
            columns.add(column(CiscoConfigCopyMib.USER_PASSWORD, utf8(request.password())));
        }
        // so the notification receiver hears ccCopyCompletion (polling stays the fall-back)
        columns.add(column(CiscoConfigCopyMib.NOTIFICATION_ON_COMPLETION, new Integer32(CiscoConfigCopyMib.TRUE)));
        columns.add(column(CiscoConfigCopyMib.ENTRY_ROW_STATUS, new Integer32(CiscoConfigCopyMib.ROW_CREATE_AND_GO)));
        return columns;
    }

    private static VariableBinding column(int column, Variable value) {
        return new VariableBinding(CiscoConfigCopyMib.column(column), value);
    }

    private static VariableBinding[] withIndex(List<VariableBinding> columns, int index) {
        return columns.stream().map(c -> new VariableBinding(new org.snmp4j.smi.OID(c.getOid()).append(index),
                c.getVariable())).toArray(VariableBinding[]::new);
    }

    private static OctetString utf8(String text) {
        return new OctetString(text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }

    private static InetAddress resolve(Device device, String host) throws DeviceException {
        if (host == null || host.isBlank()) {
            throw new DeviceException(SnmpSession.describe(device) + ": a configuration copy needs the file "
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
