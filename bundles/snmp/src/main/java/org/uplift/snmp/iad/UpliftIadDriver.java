package org.uplift.snmp.iad;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UnsignedInteger32;
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
import org.uplift.snmp.session.SnmpRequestException;
import org.uplift.snmp.session.SnmpSession;

/** The reference driver: commands devices that implement UPLIFT-IAD-MIB. */
@Component(service = DeviceDriver.class, configurationPid = "org.uplift.snmp", property = {
    DeviceDriver.NAME_PROPERTY + "=" + UpliftIadDriver.NAME,
    DeviceDriver.SYS_OBJECT_ID_PROPERTY + "=" + UpliftIadMib.ENTERPRISE_PREFIX
})
@Designate(ocd = UpliftIadDriver.Config.class)
public final class UpliftIadDriver implements DeviceDriver {

    static final String NAME = "uplift-iad";
    private static final int CREATE_ATTEMPTS = 3;

    @ObjectClassDefinition(name = "Uplift SNMP", description = "How Uplift talks SNMP to devices")
    public @interface Config {

        @AttributeDefinition(name = "Time-out (ms)", description = "How long to wait for each SNMP answer", min = "1")
        int timeoutMillis() default 1500;

        @AttributeDefinition(name = "Retries", description = "How often to resend an unanswered SNMP request", min = "0")
        int retries() default 1;
    }

    private final SnmpSession session;

    @Activate
    public UpliftIadDriver(Config config) throws IOException {
        this.session = new SnmpSession(config.timeoutMillis(), config.retries());
    }

    @Deactivate
    void deactivate() throws IOException {
        session.close();
    }

    @Override
    public boolean supports(OperationType type) {
        return true;
    }

    @Override
    public DeviceFacts facts(Device device) throws DeviceException {
        List<VariableBinding> answer = session.get(device, UpliftIadMib.SYS_OBJECT_ID, UpliftIadMib.SYS_UP_TIME,
                UpliftIadMib.MODEL, UpliftIadMib.RUNNING_VERSION, UpliftIadMib.KEPT_VERSION,
                UpliftIadMib.CONFIG_FORMAT, UpliftIadMib.CONFIG_DIGEST);
        for (VariableBinding binding : answer) {
            if (binding.isException()) {
                throw new DeviceException(SnmpSession.describe(device) + " does not implement UPLIFT-IAD-MIB: "
                        + binding.getOid().toDottedString() + " is " + binding.getVariable()
                        + "; choose another driver for it", false);
            }
        }
        return new DeviceFacts(
                ((OID) answer.get(0).getVariable()).toDottedString(),
                answer.get(1).getVariable().toLong(),
                text(answer.get(2).getVariable()),
                text(answer.get(3).getVariable()),
                text(answer.get(4).getVariable()),
                text(answer.get(5).getVariable()),
                HexFormat.of().formatHex(((OctetString) answer.get(6).getVariable()).getValue()));
    }

    @Override
    public OperationHandle start(Device device, OperationRequest request) throws DeviceException {
        SnmpRequestException last = null;
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            int index = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            try {
                session.set(device, rowCreation(device, request, index));
                return new OperationHandle(index);
            } catch (SnmpRequestException e) {
                if (e.errorStatus() != PDU.inconsistentValue) {
                    throw e;
                }
                last = e;
            }
        }
        throw new DeviceException(SnmpSession.describe(device) + " refused to create an operation row "
                + CREATE_ATTEMPTS + " times with inconsistentValue (last: " + last.getMessage() + ")", false, last);
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
        OperationState state = state(answer.get(0).getVariable().toInt());
        int cause = answer.get(1).getVariable().toInt();
        String message = text(answer.get(2).getVariable());
        long bytes = answer.get(3).getVariable().toLong();
        boolean failed = state == OperationState.FAILED;
        return new OperationStatus(state, failed || cause != 1 ? UpliftIadMib.failCauseName(cause) : null,
                message.isEmpty() ? null : message, bytes);
    }

    @Override
    public void release(Device device, OperationHandle handle) throws DeviceException {
        try {
            session.set(device, new VariableBinding(
                    UpliftIadMib.opColumn(UpliftIadMib.OP_ROW_STATUS, handle.index()),
                    new Integer32(UpliftIadMib.ROW_DESTROY)));
        } catch (SnmpRequestException e) {
            if (!rowMissing(e.errorStatus())) {
                throw e;
            }
        }
    }

    private static boolean rowMissing(int errorStatus) {
        return errorStatus == PDU.noCreation || errorStatus == PDU.inconsistentName
                || errorStatus == PDU.noSuchName || errorStatus == PDU.inconsistentValue;
    }

    private static VariableBinding[] rowCreation(Device device, OperationRequest request, int index)
            throws DeviceException {
        List<VariableBinding> columns = new ArrayList<>();
        columns.add(column(UpliftIadMib.OP_TYPE, index, new Integer32(opType(request.type()))));
        columns.add(column(UpliftIadMib.OP_PROTOCOL, index,
                new Integer32(request.protocol() == TransferProtocol.FTP ? 2 : 1)));
        if (request.serverHost() != null && !request.serverHost().isBlank()) {
            InetAddress server = resolve(device, request.serverHost());
            columns.add(column(UpliftIadMib.OP_SERVER_ADDRESS_TYPE, index, new Integer32(
                    server instanceof Inet6Address ? UpliftIadMib.ADDRESS_IPV6 : UpliftIadMib.ADDRESS_IPV4)));
            columns.add(column(UpliftIadMib.OP_SERVER_ADDRESS, index, new OctetString(server.getAddress())));
            columns.add(column(UpliftIadMib.OP_SERVER_PORT, index, new UnsignedInteger32(request.serverPort())));
        }
        if (request.fileName() != null) {
            columns.add(column(UpliftIadMib.OP_FILE_NAME, index,
                    new OctetString(request.fileName().getBytes(StandardCharsets.UTF_8))));
        }
        if (request.username() != null) {
            columns.add(column(UpliftIadMib.OP_USER_NAME, index,
                    new OctetString(request.username().getBytes(StandardCharsets.UTF_8))));
        }
        if (request.password() != null) {
            columns.add(column(UpliftIadMib.OP_PASSWORD, index,
                    new OctetString(request.password().getBytes(StandardCharsets.UTF_8))));
        }
        columns.add(column(UpliftIadMib.OP_ROW_STATUS, index, new Integer32(UpliftIadMib.ROW_CREATE_AND_GO)));
        return columns.toArray(VariableBinding[]::new);
    }

    private static VariableBinding column(int column, int index, Variable value) {
        return new VariableBinding(UpliftIadMib.opColumn(column, index), value);
    }

    private static InetAddress resolve(Device device, String host) throws DeviceException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new DeviceException(SnmpSession.describe(device) + ": cannot resolve the file server's host '"
                    + host + "'", false, e);
        }
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

    private static String text(Variable value) {
        return value instanceof OctetString octets ? new String(octets.getValue(), StandardCharsets.UTF_8)
                : value.toString();
    }
}
