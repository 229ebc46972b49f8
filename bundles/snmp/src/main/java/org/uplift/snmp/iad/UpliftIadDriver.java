package org.uplift.snmp.iad;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.DriverCapabilities;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.snmp.session.Answers;
import org.uplift.snmp.session.EngineBoots;
import org.uplift.snmp.session.RowCreation;
import org.uplift.snmp.session.ServerHost;
import org.uplift.snmp.session.SnmpSession;

/** The reference driver: commands devices that implement UPLIFT-IAD-MIB. */
@Component(service = DeviceDriver.class, configurationPid = "org.uplift.snmp", property = {
        DeviceDriver.NAME_PROPERTY + "=" + UpliftIadDriver.NAME,
        DeviceDriver.SYS_OBJECT_ID_PROPERTY + "=" + UpliftIadMib.ENTERPRISE_PREFIX
})
@Designate(ocd = UpliftIadDriver.Config.class)
public final class UpliftIadDriver implements DeviceDriver {

    static final String NAME = "uplift-iad";

    @ObjectClassDefinition(name = "Uplift SNMP", description = "How Uplift talks SNMP to devices")
    public @interface Config {

        @AttributeDefinition(name = "Time-out (ms)", description = "How long to wait for each SNMP answer", min = "1")
        int timeoutMillis() default 1500;

        @AttributeDefinition(name = "Retries", description = "How often to resend an unanswered SNMP request", min = "0")
        int retries() default 1;
    }

    private final SnmpSession session;
    private final RowCreation rows;

    @Activate
    public UpliftIadDriver(Config config) throws IOException {
        this(new SnmpSession(config.timeoutMillis(), config.retries()));
    }

    /** Over the given session, which the driver then owns (tests watch it). */
    UpliftIadDriver(SnmpSession session) {
        this.session = session;
        this.rows = new RowCreation(session);
    }

    @Deactivate
    void deactivate() throws IOException {
        session.close();
    }

    @Override
    public boolean supports(OperationType type) {
        return true;
    }

    /**
     * Every operation of upliftIadOpType; the evidence UPLIFT-IAD-MIB's system group defines
     * (upliftIadModel, ...RunningVersion, ...KeptVersion, ...ConfigFormat, ...ConfigDigest), and
     * SNMP-FRAMEWORK-MIB's snmpEngineBoots (-1 in the facts of a device without it).
     */
    @Override
    public DriverCapabilities capabilities() {
        return new DriverCapabilities(EnumSet.allOf(OperationType.class), EnumSet.of(Evidence.RUNNING_VERSION,
                Evidence.KEPT_VERSION, Evidence.CONFIG_DIGEST, Evidence.MODEL, Evidence.CONFIG_FORMAT,
                Evidence.REBOOT_COUNTER));
    }

    @Override
    public DeviceFacts facts(Device device) throws DeviceException {
        List<VariableBinding> answer = session.get(device, SnmpConstants.sysObjectID, SnmpConstants.sysUpTime,
                UpliftIadMib.MODEL, UpliftIadMib.RUNNING_VERSION, UpliftIadMib.KEPT_VERSION,
                UpliftIadMib.CONFIG_FORMAT, UpliftIadMib.CONFIG_DIGEST, EngineBoots.OID);
        // snmpEngineBoots is optional: the UPLIFT-IAD-MIB objects before it are not
        for (VariableBinding binding : answer.subList(0, answer.size() - 1)) {
            if (binding.isException()) {
                throw new DeviceException(SnmpSession.describe(device) + " does not implement UPLIFT-IAD-MIB: "
                        + binding.getOid().toDottedString() + " is " + binding.getVariable()
                        + "; choose another driver for it", false);
            }
        }
        return new DeviceFacts(
                Answers.oid(device, answer.get(0)),
                Answers.unsigned(device, answer.get(1)),
                Answers.text(device, answer.get(2)),
                Answers.text(device, answer.get(3)),
                Answers.text(device, answer.get(4)),
                Answers.text(device, answer.get(5)),
                Answers.hex(device, answer.get(6)),
                EngineBoots.read(answer.get(7)));
    }

    @Override
    public OperationHandle start(Device device, OperationRequest request) throws DeviceException {
        List<VariableBinding> fixed = rowCreation(device, request);
        return new OperationHandle(
                rows.create(device, "upliftIadOpTable", index -> RowCreation.withIndex(fixed, index)));
    }

    @Override
    public OperationStatus status(Device device, OperationHandle handle) throws DeviceException {
        int index = handle.index();
        List<VariableBinding> answer = session.get(device,
                UpliftIadMib.opColumn(UpliftIadMib.OP_STATE, index),
                UpliftIadMib.opColumn(UpliftIadMib.OP_FAIL_CAUSE, index),
                UpliftIadMib.opColumn(UpliftIadMib.OP_FAIL_MESSAGE, index),
                UpliftIadMib.opColumn(UpliftIadMib.OP_BYTES, index));
        if (answer.stream().anyMatch(VariableBinding::isException)) {
            return new OperationStatus(OperationState.UNKNOWN, null, null, 0);
        }
        OperationState state = state(Answers.integer(device, answer.get(0)));
        int cause = Answers.integer(device, answer.get(1));
        String message = Answers.text(device, answer.get(2));
        long bytes = Answers.unsigned(device, answer.get(3));
        boolean failed = state == OperationState.FAILED;
        return new OperationStatus(state, failed || cause != 1 ? UpliftIadMib.failCauseName(cause) : null,
                message.isEmpty() ? null : message, bytes);
    }

    @Override
    public void release(Device device, OperationHandle handle) throws DeviceException {
        rows.destroy(device, UpliftIadMib.opColumn(UpliftIadMib.OP_ROW_STATUS), handle.index());
    }

    /** The row's columns (OIDs without the index), resolved once for every attempt. */
    private static List<VariableBinding> rowCreation(Device device, OperationRequest request) throws DeviceException {
        List<VariableBinding> columns = new ArrayList<>();
        columns.add(column(UpliftIadMib.OP_TYPE, new Integer32(opType(request.type()))));
        columns.add(column(UpliftIadMib.OP_PROTOCOL, new Integer32(protocol(request.protocol()))));
        if (request.serverHost() != null && !request.serverHost().isBlank()) {
            InetAddress server = ServerHost.resolve(device, request.serverHost(), "an operation");
            columns.add(column(UpliftIadMib.OP_SERVER_ADDRESS_TYPE, new Integer32(
                    server instanceof Inet6Address ? UpliftIadMib.ADDRESS_IPV6 : UpliftIadMib.ADDRESS_IPV4)));
            columns.add(column(UpliftIadMib.OP_SERVER_ADDRESS, new OctetString(server.getAddress())));
            columns.add(column(UpliftIadMib.OP_SERVER_PORT, new UnsignedInteger32(request.serverPort())));
        }
        if (request.fileName() != null) {
            columns.add(column(UpliftIadMib.OP_FILE_NAME, utf8(request.fileName())));
        }
        if (request.username() != null) {
            columns.add(column(UpliftIadMib.OP_USER_NAME, utf8(request.username())));
        }
        if (request.password() != null) {
            columns.add(column(UpliftIadMib.OP_PASSWORD, utf8(request.password())));
        }
        columns.add(column(UpliftIadMib.OP_ROW_STATUS, new Integer32(UpliftIadMib.ROW_CREATE_AND_GO)));
        return columns;
    }

    private static VariableBinding column(int column, Variable value) {
        return new VariableBinding(UpliftIadMib.opColumn(column), value);
    }

    private static OctetString utf8(String text) {
        return new OctetString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** upliftIadOpProtocol; a request without a protocol means TFTP, the column's DEFVAL. */
    static int protocol(TransferProtocol protocol) {
        if (protocol == null) {
            return UpliftIadMib.PROTOCOL_TFTP;
        }
        return switch (protocol) {
            case TFTP -> UpliftIadMib.PROTOCOL_TFTP;
            case FTP -> UpliftIadMib.PROTOCOL_FTP;
            case HTTP -> UpliftIadMib.PROTOCOL_HTTP;
        };
    }

    private static int opType(OperationType type) {
        return switch (type) {
            case BACKUP_CONFIG -> 1;
            case RESTORE_CONFIG -> 2;
            case DOWNLOAD_FIRMWARE -> 3;
            case ROLLBACK_FIRMWARE -> 4;
        };
    }

    private static OperationState state(int value) {
        return switch (value) {
            case 1 -> OperationState.WAITING;
            case 2 -> OperationState.RUNNING;
            case 3 -> OperationState.SUCCESSFUL;
            case 4 -> OperationState.FAILED;
            default -> OperationState.UNKNOWN;
        };
    }
}
