package org.uplift.snmp.cisco;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
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
import org.uplift.snmp.session.FixedServerPort;
import org.uplift.snmp.session.RowCreation;
import org.uplift.snmp.session.ServerHost;
import org.uplift.snmp.session.SnmpRequestException;
import org.uplift.snmp.session.SnmpSession;

/**
 * Backs up and restores the configuration of devices that implement CISCO-CONFIG-COPY-MIB's
 * ccCopyTable: backup copies runningConfig to a networkFile, restore a networkFile to
 * runningConfig, over TFTP or FTP. Software download is not part of that MIB. Facts come from the
 * MIBs IOS has (see {@link IosFacts}): the running version and the model, nothing else.
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
                + "TFTP port the devices copy to (69 on real devices); Uplift's TFTP server must listen there", min = "1", max = "65535")
        int tftpPort() default 69;

        @AttributeDefinition(name = "Devices' FTP port", description = "The FTP port the devices copy to (21 on "
                + "real devices)", min = "1", max = "65535")
        int ftpPort() default 21;

        @AttributeDefinition(name = "Version in sysDescr", description = "Regular expression finding the running "
                + "version in sysDescr when neither CISCO-IMAGE-MIB's CW_VERSION nor entPhysicalSoftwareRev gives it; "
                + "its first group is the version (the whole match without a group)")
        String versionPattern() default "Version ([0-9A-Za-z.()_-]+)"; // no comma: metatype would escape it
    }

    private final SnmpSession session;
    private final RowCreation rows;
    private final FixedServerPort serverPort;
    private final IosFacts facts;

    @Activate
    public CiscoConfigCopyDriver(Config config) throws IOException {
        this(config, () -> ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
    }

    /** @param indexes the ccCopyTable indexes to try (random; tests choose them) */
    CiscoConfigCopyDriver(Config config, IntSupplier indexes) throws IOException {
        Pattern versionPattern = compile(config.versionPattern());
        this.session = new SnmpSession(config.timeoutMillis(), config.retries());
        this.rows = new RowCreation(session, indexes);
        this.serverPort = new FixedServerPort("CISCO-CONFIG-COPY-MIB", PID, config.tftpPort(), config.ftpPort());
        this.facts = new IosFacts(session, versionPattern);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("versionPattern in " + PID + " is not a regular expression: "
                    + e.getDescription(), e);
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        session.close();
    }

    @Override
    public boolean supports(OperationType type) {
        return type == OperationType.BACKUP_CONFIG || type == OperationType.RESTORE_CONFIG;
    }

    /** Backup and restore; the running version, the model and snmpEngineBoots are all the device's MIBs tell. */
    @Override
    public DriverCapabilities capabilities() {
        return new DriverCapabilities(Set.of(OperationType.BACKUP_CONFIG, OperationType.RESTORE_CONFIG),
                Set.of(Evidence.RUNNING_VERSION, Evidence.MODEL, Evidence.REBOOT_COUNTER));
    }

    /**
     * sysObjectID, sysUpTime, the model, the running version and snmpEngineBoots; kept version,
     * format and digest are unknown ("").
     */
    @Override
    public DeviceFacts facts(Device device) throws DeviceException {
        return facts.read(device);
    }

    @Override
    public OperationHandle start(Device device, OperationRequest request) throws DeviceException {
        if (!supports(request.type())) {
            throw new DeviceException(SnmpSession.describe(device) + ": CISCO-CONFIG-COPY-MIB copies configurations "
                    + "only; " + request.type() + " needs another driver", false);
        }
        serverPort.check(device, request);
        InetAddress server = ServerHost.resolve(device, request.serverHost(), "a configuration copy");
        try {
            return new OperationHandle(create(device, copyRow(request, rev1Server(server)), request));
        } catch (SnmpRequestException e) {
            if (!refusesRev1(e)) {
                throw e;
            }
            if (!(server instanceof Inet4Address)) {
                throw new DeviceException(SnmpSession.describe(device) + " refuses ccCopyServerAddressRev1 (older IOS)"
                        + " and its ccCopyServerAddress takes IPv4 only; give it an IPv4 file server address", false,
                        e);
            }
            // older IOS: only the deprecated IPv4 column
            return new OperationHandle(create(device, copyRow(request, List.of(column(
                    CiscoConfigCopyMib.SERVER_ADDRESS_V4, new IpAddress(server)))), request));
        }
    }

    /** Creates the row under a free index; destroys what a failed attempt left, adopts our own row met again. */
    private int create(Device device, List<VariableBinding> columns, OperationRequest request) throws DeviceException {
        byte[] fileName = utf8(request.fileName()).getValue();
        return rows.create(device, "ccCopyTable", index -> RowCreation.withIndex(columns, index),
                new RowCreation.Cleanup(CiscoConfigCopyMib.column(CiscoConfigCopyMib.ENTRY_ROW_STATUS)),
                index -> {
                    // the ticketed file name is unique: a row in use with it is ours (a retransmitted SET met it)
                    VariableBinding name = session.get(device,
                            CiscoConfigCopyMib.column(CiscoConfigCopyMib.FILE_NAME, index)).get(0);
                    return name.getVariable() instanceof OctetString octets
                            && Arrays.equals(octets.getValue(), fileName);
                });
    }

    /** noCreation, notWritable or noSuchName at ccCopyServerAddressType or Rev1: an IOS without those columns. */
    private static boolean refusesRev1(SnmpRequestException e) {
        int status = e.errorStatus();
        boolean refused = status == PDU.noCreation || status == PDU.notWritable || status == PDU.noSuchName
                || status == PDU.noAccess;
        OID failed = e.failedOid();
        return refused && failed != null
                && (failed.startsWith(CiscoConfigCopyMib.column(CiscoConfigCopyMib.SERVER_ADDRESS_TYPE))
                        || failed.startsWith(CiscoConfigCopyMib.column(CiscoConfigCopyMib.SERVER_ADDRESS)));
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
        rows.destroy(device, CiscoConfigCopyMib.column(CiscoConfigCopyMib.ENTRY_ROW_STATUS), handle.index());
    }

    /** ccCopyServerAddressType and ccCopyServerAddressRev1: IPv4 or IPv6. */
    private static List<VariableBinding> rev1Server(InetAddress server) {
        return List.of(column(CiscoConfigCopyMib.SERVER_ADDRESS_TYPE, new Integer32(server instanceof Inet6Address
                ? CiscoConfigCopyMib.ADDRESS_IPV6 : CiscoConfigCopyMib.ADDRESS_IPV4)),
                column(CiscoConfigCopyMib.SERVER_ADDRESS, new OctetString(server.getAddress())));
    }

    /** The columns of one copy, created active in one SET (createAndGo), with the server's columns given. */
    private static List<VariableBinding> copyRow(OperationRequest request, List<VariableBinding> serverColumns) {
        boolean backup = request.type() == OperationType.BACKUP_CONFIG;
        boolean ftp = request.protocol() == TransferProtocol.FTP;
        List<VariableBinding> columns = new ArrayList<>();
        columns.add(column(CiscoConfigCopyMib.PROTOCOL,
                new Integer32(ftp ? CiscoConfigCopyMib.PROTOCOL_FTP : CiscoConfigCopyMib.PROTOCOL_TFTP)));
        columns.add(column(CiscoConfigCopyMib.SOURCE_FILE_TYPE, new Integer32(
                backup ? CiscoConfigCopyMib.FILE_RUNNING_CONFIG : CiscoConfigCopyMib.FILE_NETWORK)));
        columns.add(column(CiscoConfigCopyMib.DEST_FILE_TYPE, new Integer32(
                backup ? CiscoConfigCopyMib.FILE_NETWORK : CiscoConfigCopyMib.FILE_RUNNING_CONFIG)));
        columns.addAll(serverColumns);
        columns.add(column(CiscoConfigCopyMib.FILE_NAME, utf8(request.fileName())));
        // ftp needs a user (IOS would otherwise use its own configured one); tftp has none
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

    private static OctetString utf8(String text) {
        return new OctetString(text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }
}
