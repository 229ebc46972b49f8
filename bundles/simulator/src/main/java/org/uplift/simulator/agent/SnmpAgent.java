package org.uplift.simulator.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.Snmp;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Personality;
import org.uplift.simulator.V3User;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.OpType;

/**
 * One device's SNMP agent: SNMPv2-MIB's system group, SNMP-FRAMEWORK-MIB's snmpEngine group and
 * IF-MIB's interfaces, as every agent has, plus the MIBs of the device's personalities; v1 and v2c
 * communities {@code public} (read) and {@code private} (read-write) and the device's SNMPv3 user
 * (USM, SHA-256/AES-128), each device with its own engine ID, whose boots count the device's starts.
 */
public final class SnmpAgent implements AutoCloseable {

    private final DefaultMOServer server = new DefaultMOServer();
    private final OpTable opTable;
    private final CcCopyTable copyTable;
    private final DocsisSoftware docsis;
    private final Snmp snmp;
    private final Notifier notifier;
    private final int port;
    private final int index;
    private final USM usm;
    private final MPv3 mpv3;
    private final RetiredEngineIds timeTable;
    private final CommandProcessor processor;
    private final AgentAccess access;
    private volatile boolean silent;
    private final Map<Personality, List<OpType>> started = new ConcurrentHashMap<>();

    /**
     * Binds the agent's socket and starts answering.
     *
     * @param settings the device's address, port (0 for any free one), personalities, v3 user, notification target
     * @param device   what the scalars report
     * @param starter  receives each operation a manager starts; must return at once
     * @param reset    reboots the device (DOCS-CABLE-DEVICE-MIB's docsDevResetNow); must return at once
     */
    public SnmpAgent(DeviceSettings settings, DeviceView device, BiConsumer<OpRequest, OpReport> starter,
            Runnable reset) throws IOException {
        this.index = settings.index();
        OctetString engineId = engineId(settings.index(), 1);
        V3User user = settings.v3User();
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        timeTable = new RetiredEngineIds(engineId, 1);
        usm = new AgentUsm(protocols, engineId, timeTable);
        usm.addUser(new UsmUser(new OctetString(user.name()), AuthHMAC192SHA256.ID,
                new OctetString(user.authPassphrase().getBytes(StandardCharsets.UTF_8)), PrivAES128.ID,
                new OctetString(user.privPassphrase().getBytes(StandardCharsets.UTF_8)),
                UsmUser.LocalizationGrant.any));

        access = new AgentAccess(engineId, new OctetString(user.name()));
        processor = new CommandProcessor(engineId);
        processor.setVacm(access);
        processor.setCoexistenceProvider(access);
        processor.addMOServer(server);

        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        mpv3 = new MPv3(engineId.getValue(), null, protocols,
                SecurityModels.getCollection(new SecurityModel[]{usm}), new CounterSupport());
        dispatcher.addMessageProcessingModel(mpv3);
        SharedUdpTransport transport = new SharedUdpTransport(
                new UdpAddress(InetAddress.getByName(settings.host()), settings.port()), AgentSelectors.SHARED);
        snmp = new Snmp(dispatcher, transport);
        notifier = settings.notifications() == null ? Notifier.NONE
                : new Notifier(snmp, settings.notifications(), new OctetString(user.name()), device::upTimeHundredths,
                        settings.host(), sysObjectId(settings));
        opTable = new OpTable(counted(Personality.UPLIFT_IAD, starter), notifier);
        copyTable = new CcCopyTable(counted(Personality.CISCO_CONFIG_COPY, starter), notifier, device::upTimeHundredths,
                settings.tftpPort(), settings.ftpPort());
        docsis = new DocsisSoftware(counted(Personality.DOCSIS, starter), reset, device, settings.tftpPort(),
                settings.httpPort());
        registerObjects(settings, device, transport.getMaxInboundMessageSize());
        snmp.addCommandResponder(new SilenceableResponder(processor));
        snmp.listen();
        this.port = transport.getListenAddress().getPort();
    }

    /** The operations managers started, per MIB they were started through, in order (for tests). */
    public Map<Personality, List<OpType>> operationsStarted() {
        Map<Personality, List<OpType>> copy = new EnumMap<>(Personality.class);
        started.forEach((mib, types) -> copy.put(mib, List.copyOf(types)));
        return copy;
    }

    private BiConsumer<OpRequest, OpReport> counted(Personality mib, BiConsumer<OpRequest, OpReport> starter) {
        return (request, report) -> {
            started.computeIfAbsent(mib, m -> new CopyOnWriteArrayList<>()).add(request.type());
            starter.accept(request, report);
        };
    }

    /** The UDP port the agent answers on. */
    public int port() {
        return port;
    }

    /** While silent (rebooting, or told to be) the agent drops every request unanswered. */
    public void silent(boolean value) {
        silent = value;
    }

    public boolean silent() {
        return silent;
    }

    /**
     * The device has started again: USM counts the boot and its engine time restarts at 0, so a v3
     * manager that knew the old boots is told notInTimeWindow; with {@code newEngineId} the engine
     * takes another ID (one derived from an address may change with it) and managers meet
     * unknownEngineID. Called while the agent is silent.
     */
    public void booted(int engineBoots, boolean newEngineId) {
        OctetString engineId = newEngineId ? engineId(index, engineBoots) : usm.getLocalEngineID();
        if (newEngineId) {
            // every piece that knows the engine ID: message processing, USM, the context and coexistence
            timeTable.retire(usm.getLocalEngineID());
            mpv3.setLocalEngineID(engineId.getValue());
            processor.setContextEngineID(engineId);
            access.engineId(engineId);
        }
        usm.setLocalEngine(engineId, engineBoots, 0);
    }

    /** The engine ID the agent has now. */
    public OctetString engineId() {
        return usm.getLocalEngineID();
    }

    /** A text engine ID (RFC 3411 format 4) naming the device, and after a change the boot that made it. */
    private static OctetString engineId(int index, int boots) {
        return new OctetString(MPv3.createLocalEngineID(
                new OctetString("uplift-sim-" + index + (boots == 1 ? "" : "-" + boots))));
    }

    /**
     * Sends coldStart (SNMPv2-MIB) to the notification target, as an agent does once it is up again
     * after a restart (with its new software, its configuration may have changed: not warmStart).
     */
    public void sendColdStart() {
        notifier.send(SnmpConstants.coldStart);
    }

    /** Empties the operation tables, as a reboot does; a DOCSIS download that succeeded completes now. */
    public void forgetOperations() {
        opTable.clear();
        copyTable.clear();
        docsis.rebooting();
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }

    private void registerObjects(DeviceSettings settings, DeviceView device, int maxMessageSize) throws IOException {
        try {
            Set<Personality> personalities = settings.personalities();
            boolean ciscoOnly = personalities.contains(Personality.CISCO_CONFIG_COPY)
                    && !personalities.contains(Personality.UPLIFT_IAD);
            // every agent: SNMPv2-MIB's system group and IF-MIB's interfaces
            OID product = sysObjectId(settings);
            new SystemGroup(device, () -> product, sysServices(personalities)).register(server);
            new EngineGroup(usm, maxMessageSize).register(server);
            new IfTable(settings.index(), ciscoOnly ? IfTable.router("GigabitEthernet") : IfTable.small())
                    .register(server);
            if (personalities.contains(Personality.UPLIFT_IAD)) {
                registerIadScalars(device);
                opTable.register(server);
            }
            if (personalities.contains(Personality.CISCO_CONFIG_COPY)) {
                // what an IOS device has instead of UPLIFT-IAD-MIB's system group: its inventory and image strings
                new EntityMib(device, "Cisco", settings.index()).register(server);
                new CiscoImageMib(device).register(server);
                copyTable.register(server);
            }
            if (personalities.contains(Personality.DOCSIS)) {
                docsis.register(server);
            }
        } catch (DuplicateRegistrationException e) {
            throw new IOException("simulator MIB objects overlap: " + e.getMessage(), e);
        }
    }

    /** sysServices: the sum of 2^(layer-1) over the OSI layers served (a router 2+3, a modem bridges: 2). */
    private static int sysServices(Set<Personality> personalities) {
        if (personalities.contains(Personality.UPLIFT_IAD)) {
            return 72; // a voice gateway: end-to-end (4) and applications (7)
        }
        return personalities.contains(Personality.CISCO_CONFIG_COPY) ? 6 : 2;
    }

    /** The product identifier managers choose drivers by: the IAD's if it speaks UPLIFT-IAD-MIB, else its other MIB's. */
    static OID sysObjectId(DeviceSettings settings) {
        Set<Personality> personalities = settings.personalities();
        if (personalities.contains(Personality.UPLIFT_IAD)) {
            return IadMib.UPLIFT_IAD_1000;
        }
        return personalities.contains(Personality.CISCO_CONFIG_COPY) ? CiscoMib.SIMULATED_PRODUCT
                : DocsisSoftware.SIMULATED_PRODUCT;
    }

    /** UPLIFT-IAD-MIB's system group: only devices that speak UPLIFT-IAD-MIB have it. */
    private void registerIadScalars(DeviceView device) throws DuplicateRegistrationException {
        register(new LiveScalar<>(new OID(IadMib.MODEL).append(0), () -> DeviceView.text(device.model())));
        register(new LiveScalar<>(new OID(IadMib.RUNNING_VERSION).append(0),
                () -> DeviceView.text(device.runningVersion())));
        register(new LiveScalar<>(new OID(IadMib.KEPT_VERSION).append(0),
                () -> DeviceView.text(device.keptVersion())));
        register(new LiveScalar<>(new OID(IadMib.CONFIG_FORMAT).append(0),
                () -> DeviceView.text(device.configFormat())));
        register(new LiveScalar<>(new OID(IadMib.CONFIG_DIGEST).append(0),
                () -> new OctetString(device.configDigest())));
    }

    private void register(ManagedObject<?> object) throws DuplicateRegistrationException {
        server.register(object, null);
    }

    /** Drops requests while the device is silent. */
    private final class SilenceableResponder implements CommandResponder {
        private final CommandResponder delegate;

        SilenceableResponder(CommandResponder delegate) {
            this.delegate = delegate;
        }

        @Override
        public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
            if (silent) {
                event.setProcessed(true);
                return;
            }
            delegate.processPdu(event);
        }
    }
}
