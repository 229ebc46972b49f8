package org.uplift.snmp.docsis;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
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
import org.uplift.common.text.DeviceText;
import org.uplift.snmp.session.Answers;
import org.uplift.snmp.session.EngineBoots;
import org.uplift.snmp.session.FixedServerPort;
import org.uplift.snmp.session.ServerHost;
import org.uplift.snmp.session.SnmpSession;

/**
 * Downloads software to cable modems through DOCS-CABLE-DEVICE-MIB's docsDevSoftware group (RFC
 * 4639) over TFTP or HTTP. The group is scalars, not a row: one download at a time per modem; the
 * modem reboots into the new image by itself once it has it, and reports the outcome in
 * docsDevSwOperStatus across that reboot. What the modem reported before the trigger is kept per
 * download (see {@link StartedDownload}), so an outcome left from an earlier download is not taken
 * for the new one's; each download gets its own handle index.
 */
@Component(service = DeviceDriver.class, configurationPid = DocsisSoftwareDriver.PID, property = {
        DeviceDriver.NAME_PROPERTY + "=" + DocsisSoftwareDriver.NAME,
        DeviceDriver.SYS_OBJECT_ID_PROPERTY + "=" + DocsDevMib.SIMULATED_PREFIX
})
@Designate(ocd = DocsisSoftwareDriver.Config.class)
public final class DocsisSoftwareDriver implements DeviceDriver {

    static final String NAME = "docsis-sw";
    static final String PID = "org.uplift.snmp.docsis";
    /**
     * Software download only: a modem's configuration comes from provisioning at every boot, and a
     * roll-back is a download of the old image. The MIB gives the running version; the model is in
     * the sysDescr DOCSIS prescribes; snmpEngineBoots counts the modem's reboots.
     */
    static final DriverCapabilities CAPABILITIES = new DriverCapabilities(EnumSet.of(OperationType.DOWNLOAD_FIRMWARE),
            EnumSet.of(Evidence.RUNNING_VERSION, Evidence.MODEL, Evidence.REBOOT_COUNTER));
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
                + "TFTP port the modems download from (69 on real modems); Uplift's TFTP server must listen there", min = "1", max = "65535")
        int tftpPort() default 69;

        @AttributeDefinition(name = "Devices' HTTP port", description = "The MIB cannot name a server port: the "
                + "HTTP port the modems download from (80 on real modems); Uplift's HTTP file server must listen "
                + "there", min = "1", max = "65535")
        int httpPort() default FixedServerPort.WELL_KNOWN_HTTP_PORT;
    }

    private final SnmpSession session;
    private final FixedServerPort serverPort;
    private final Map<String, StartedDownload> downloads = new ConcurrentHashMap<>();
    private final AtomicInteger handles = new AtomicInteger();

    @Activate
    public DocsisSoftwareDriver(Config config) throws IOException {
        this.session = new SnmpSession(config.timeoutMillis(), config.retries());
        this.serverPort = new FixedServerPort("DOCS-CABLE-DEVICE-MIB", PID, config.tftpPort(), 0, config.httpPort());
    }

    @Deactivate
    void deactivate() throws IOException {
        session.close();
    }

    @Override
    public boolean supports(OperationType type) {
        return CAPABILITIES.can(type);
    }

    @Override
    public DriverCapabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * docsDevSwCurrentVers is the running version; the MIB knows no kept version, format or
     * configuration digest. snmpEngineBoots comes in the same GET (-1 if the modem lacks it).
     */
    @Override
    public DeviceFacts facts(Device device) throws DeviceException {
        List<VariableBinding> answer = session.get(device, SnmpConstants.sysObjectID, SnmpConstants.sysUpTime,
                SnmpConstants.sysDescr, DocsDevMib.SW_CURRENT_VERS, EngineBoots.OID);
        // snmpEngineBoots is optional: the objects before it are not
        for (VariableBinding binding : answer.subList(0, answer.size() - 1)) {
            if (binding.isException()) {
                throw new DeviceException(SnmpSession.describe(device) + " does not implement DOCS-CABLE-DEVICE-MIB: "
                        + binding.getOid().toDottedString() + " is " + binding.getVariable()
                        + "; choose another driver for it", false);
            }
        }
        // sysDescr and the version are the device's own text: escaped before they reach any message
        return new DeviceFacts(Answers.oid(device, answer.get(0)), Answers.unsigned(device, answer.get(1)),
                DeviceText.escape(model(Answers.text(device, answer.get(2)))),
                DeviceText.escape(Answers.text(device, answer.get(3))), "", "", "", EngineBoots.read(answer.get(4)));
    }

    @Override
    public OperationHandle start(Device device, OperationRequest request) throws DeviceException {
        if (!supports(request.type())) {
            throw new DeviceException(SnmpSession.describe(device) + ": DOCS-CABLE-DEVICE-MIB downloads software "
                    + "only; " + request.type() + " needs another driver", false);
        }
        int transport = transport(device, request);
        serverPort.check(device, request);
        InetAddress server = ServerHost.resolve(device, request.serverHost(), "a software download");
        String fileName = fileName(device, request);

        StartedDownload download = baseline(device, fileName);
        // the parameters first, then the trigger: an agent may apply one SET's variables in any order
        session.set(device,
                new VariableBinding(DocsDevMib.SW_SERVER_ADDRESS_TYPE, new Integer32(
                        server instanceof Inet6Address ? DocsDevMib.ADDRESS_IPV6 : DocsDevMib.ADDRESS_IPV4)),
                new VariableBinding(DocsDevMib.SW_SERVER_ADDRESS, new OctetString(server.getAddress())),
                new VariableBinding(DocsDevMib.SW_FILENAME, new OctetString(fileName.getBytes(StandardCharsets.UTF_8))),
                new VariableBinding(DocsDevMib.SW_SERVER_TRANSPORT_PROTOCOL, new Integer32(transport)));
        downloads.put(key(device), download);
        session.set(device, new VariableBinding(DocsDevMib.SW_ADMIN_STATUS,
                new Integer32(DocsDevMib.ADMIN_UPGRADE_FROM_MGT)));
        return new OperationHandle(download.handle());
    }

    /**
     * Reads the outcome; throws an unreachable {@link DeviceException} while the modem reboots (not
     * a failure: the download's record stays for the reads after the reboot).
     */
    @Override
    public OperationStatus status(Device device, OperationHandle handle) throws DeviceException {
        List<VariableBinding> answer = session.get(device, DocsDevMib.SW_OPER_STATUS, DocsDevMib.SW_FILENAME,
                SnmpConstants.sysUpTime);
        long now = System.nanoTime();
        StartedDownload download = downloads.get(key(device));
        if (download == null || download.handle() != handle.index()) {
            return new OperationStatus(OperationState.UNKNOWN, null, "Uplift holds no record of starting download "
                    + handle.index() + " on this modem (was Uplift restarted?): verify docsDevSwCurrentVers", 0);
        }
        if (answer.get(0).isException()) {
            return new OperationStatus(OperationState.UNKNOWN, null, "docsDevSwOperStatus is "
                    + answer.get(0).getVariable(), 0);
        }
        return download.judge(Answers.integer(device, answer.get(0)), Answers.textOrEmpty(device, answer.get(1)),
                Answers.unsigned(device, answer.get(2)), now);
    }

    /** Nothing to delete on the modem (the group is scalars); forgets what was kept about the download. */
    @Override
    public void release(Device device, OperationHandle handle) {
        downloads.computeIfPresent(key(device), (k, download) -> download.handle() == handle.index() ? null : download);
    }

    static String model(String sysDescr) {
        Matcher matcher = MODEL.matcher(sysDescr);
        return matcher.find() ? matcher.group(1) : "";
    }

    /** What the modem reports before the trigger; refuses while the modem runs a download of its own. */
    private StartedDownload baseline(Device device, String fileName) throws DeviceException {
        List<VariableBinding> before = session.get(device, DocsDevMib.SW_OPER_STATUS, SnmpConstants.sysUpTime);
        long readAt = System.nanoTime();
        if (before.get(0).isException()) {
            throw new DeviceException(SnmpSession.describe(device) + " does not implement DOCS-CABLE-DEVICE-MIB: "
                    + "docsDevSwOperStatus is " + before.get(0).getVariable() + "; choose another driver for it",
                    false);
        }
        int oper = Answers.integer(device, before.get(0));
        if (oper == DocsDevMib.OPER_IN_PROGRESS) {
            throw new DeviceException(SnmpSession.describe(device) + ": the modem is already downloading software "
                    + "(docsDevSwOperStatus inProgress(1)); start again once it has finished", false);
        }
        return new StartedDownload(handles.incrementAndGet(), fileName, oper, Answers.unsigned(device, before.get(1)),
                readAt);
    }

    /** docsDevSwServerTransportProtocol for the request's protocol: tftp(1) or http(2). */
    private static int transport(Device device, OperationRequest request) throws DeviceException {
        return switch (request.protocol()) {
            case TFTP -> DocsDevMib.TRANSPORT_TFTP;
            case HTTP -> DocsDevMib.TRANSPORT_HTTP;
            case FTP -> throw new DeviceException(SnmpSession.describe(device) + ": a cable modem downloads its "
                    + "software over TFTP or HTTP (DOCS-CABLE-DEVICE-MIB), not FTP; set the device's transfer "
                    + "protocol to tftp or http", false);
        };
    }

    /** docsDevSwFilename: the file name for TFTP, the abs_path {@code /<file name>} for HTTP (RFC 4639). */
    private static String fileName(Device device, OperationRequest request) throws DeviceException {
        String name = request.fileName() == null ? "" : request.fileName();
        String value = request.protocol() == TransferProtocol.HTTP ? "/" + name : name;
        if (name.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > DocsDevMib.MAX_FILENAME_BYTES) {
            throw new DeviceException(SnmpSession.describe(device) + ": docsDevSwFilename holds 1 to "
                    + DocsDevMib.MAX_FILENAME_BYTES + " bytes, but the file name is "
                    + value.getBytes(StandardCharsets.UTF_8).length + " bytes long", false);
        }
        return value;
    }

    private static String key(Device device) {
        return device.id() + "@" + device.host() + ":" + device.snmpPort();
    }
}
