package org.uplift.snmp.events;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TransportIpAddress;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.device.SnmpVersion;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceEvents;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationHandle;
import org.uplift.common.logging.LogThrottle;
import org.uplift.common.text.DeviceText;
import org.uplift.snmp.session.UsmProtocols;

/**
 * Receives SNMPv1 and SNMPv2c traps and SNMPv3 informs on one UDP port and turns
 * operation-completion notifications into {@link OperationCompletion}s. A v1 Trap-PDU is read as
 * the v2 notification RFC 3584 3.1 maps it to (enterprise.0.specific-trap).
 * <p>
 * The network is not trusted: a notification counts only from a known device's SNMP or transfer
 * address with that device's community or authenticated SNMPv3 user (see {@link SenderCheck}), and
 * only for an operation this node started, received after it started (see {@link CompletionBook}).
 * A restart notification (coldStart, warmStart) from a checked sender wakes the waits for that
 * device's restart ({@link RestartWaiters}); nothing else is done with it. Everything else is
 * dropped, counted ({@link #dropped()}) and logged throttled. The devices and the SNMPv3 users are
 * read from the {@link DeviceDirectory} (which reads every inventory live) on the receiver's own
 * thread: when the directory comes or goes, every {@code refreshSeconds}, and when a packet names an
 * unknown user (at most once per {@code userRefreshSeconds}; the device retries its inform, which
 * then authenticates).
 * <p>
 * The directory is an optional, dynamic reference: it lives in the workflow bundle, and a redeploy of
 * that bundle must not close this port. While it is missing only the devices of waiting operations count.
 */
@Component(service = DeviceEvents.class, configurationPid = NotificationReceiver.PID)
@Designate(ocd = NotificationReceiver.Config.class)
public final class NotificationReceiver implements DeviceEvents {

    static final String PID = "org.uplift.snmp.notifications";
    private static final Logger LOG = LoggerFactory.getLogger(NotificationReceiver.class);
    private static final OID UNKNOWN_USER_NAMES = SnmpConstants.usmStatsUnknownUserNames;
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    private static final LogThrottle MALFORMED = new LogThrottle("malformed SNMP notifications", 5,
            Duration.ofMinutes(1));

    @ObjectClassDefinition(name = "Uplift SNMP notification receiver", description = "Where devices send "
            + "their operation-completion traps and informs")
    public @interface Config {

        @AttributeDefinition(name = "Bind address", description = "Address to receive on; loopback by default, "
                + "set 0.0.0.0 (or the NMS's address) for real devices")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "UDP port; devices' notification target must name it. "
                + "162 needs privileges, so the default is 10162", min = "0", max = "65535")
        int port() default 10162;

        @AttributeDefinition(name = "Retention (seconds)", description = "How long a device's notification that "
                + "no operation waits for yet is kept (a fast device may report before its command returned)", min = "1")
        int retentionSeconds() default 600;

        @AttributeDefinition(name = "Kept per device", description = "Most notifications kept for one device "
                + "while no operation waits for them; the oldest makes room", min = "1")
        int maxPerDevice() default 16;

        @AttributeDefinition(name = "Kept in all", description = "Most notifications kept, and most operations "
                + "waiting, in all", min = "1")
        int maxTotal() default 4096;

        @AttributeDefinition(name = "Device refresh (seconds)", description = "How often the devices and SNMPv3 "
                + "users are read again from the device directory", min = "1")
        int refreshSeconds() default 60;

        @AttributeDefinition(name = "Unknown-user refresh (seconds)", description = "At most one refresh per this "
                + "many seconds when packets name an unknown SNMPv3 user", min = "1")
        int userRefreshSeconds() default 10;
    }

    private final Snmp snmp;
    private final USM usm;
    private final Clock clock = Clock.systemUTC();
    private final NotificationDrops drops = new NotificationDrops();
    private final LongAdder received = new LongAdder();
    private final CompletionBook book;
    private final RestartWaiters restarts;
    private final Map<String, CompletionDecoder> decoders = new ConcurrentHashMap<>();
    private final AtomicReference<DeviceDirectory> directory = new AtomicReference<>();
    /** The receiver's own thread: directory reads, DNS, USM rebuilds and expiry never run on the listener. */
    private final ScheduledExecutorService upkeep = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "uplift-notification-upkeep");
        thread.setDaemon(true);
        return thread;
    });
    private final RateLimitedRefresh userRefresh;
    private final LogThrottle unresolved = new LogThrottle("unresolvable device hosts", 3, Duration.ofMinutes(10));
    private volatile KnownDevices known = KnownDevices.NONE;

    @Activate
    public NotificationReceiver(Config config) throws IOException {
        Duration retention = Duration.ofSeconds(config.retentionSeconds());
        this.book = new CompletionBook(retention, config.maxPerDevice(), config.maxTotal(), clock, drops);
        this.restarts = new RestartWaiters(config.maxTotal());
        for (CompletionDecoder decoder : List.of(CopyRowCompletionDecoder.iad(clock),
                CopyRowCompletionDecoder.cisco(clock))) {
            decoders.put(decoder.notification().toDottedString(), decoder);
            // a notification whose OID has no 0 before its last arc comes back from v1 as another OID
            decoders.put(V1Traps.roundTrip(decoder.notification()).toDottedString(), decoder);
        }
        this.userRefresh = new RateLimitedRefresh(this::refresh, upkeep,
                Duration.ofSeconds(config.userRefreshSeconds()));
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        OctetString engineId = new OctetString(MPv3.createLocalEngineID());
        CounterSupport counters = new CounterSupport();
        counters.addCounterListener(event -> {
            if (UNKNOWN_USER_NAMES.equals(event.getOid())) {
                userRefresh.request(); // on the listener thread: only asks
            }
        });
        this.usm = new USM(protocols, engineId, 1, counters);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId.getValue(), null, protocols,
                SecurityModels.getCollection(new SecurityModel[]{usm}), counters));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(
                new UdpAddress(InetAddress.getByName(config.bindAddress()), config.port()));
        // room for a burst (a fleet reporting at once, or a flood being dropped) before the kernel drops
        transport.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
        this.snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(new Responder());
        try {
            snmp.listen();
        } catch (IOException e) {
            snmp.close();
            upkeep.shutdownNow();
            throw new IOException("cannot receive SNMP notifications on udp " + config.bindAddress() + ":"
                    + config.port() + " (" + e.getMessage() + "); set another port in etc/" + PID + ".cfg", e);
        }
        long expiry = Math.max(1, Math.min(config.retentionSeconds(), 30));
        upkeep.scheduleWithFixedDelay(book::expire, expiry, expiry, TimeUnit.SECONDS);
        upkeep.scheduleWithFixedDelay(this::refresh, config.refreshSeconds(), config.refreshSeconds(),
                TimeUnit.SECONDS);
        LOG.info("receiving SNMP notifications on udp {}", transport.getListenAddress());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setDirectory(DeviceDirectory directory) {
        this.directory.set(directory);
        refreshSoon();
    }

    void unsetDirectory(DeviceDirectory directory) {
        // a greedy replacement binds the new directory before it unbinds the old one
        if (this.directory.compareAndSet(directory, null)) {
            refreshSoon();
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        upkeep.shutdownNow();
        snmp.close();
    }

    /** The UDP port notifications arrive on (useful when configured as 0). */
    public int port() {
        return snmp.getMessageDispatcher().getTransportMappings().iterator().next()
                .getListenAddress() instanceof UdpAddress udp ? udp.getPort() : -1;
    }

    @Override
    public CompletableFuture<OperationCompletion> completion(Device device, OperationHandle handle, Instant startedAt) {
        CompletableFuture<OperationCompletion> future = book.await(device, handle.index(), startedAt);
        listen(device);
        return future;
    }

    @Override
    public CompletableFuture<Instant> restart(Device device, Instant since) {
        CompletableFuture<Instant> future = restarts.await(device, since);
        listen(device);
        return future;
    }

    /**
     * The waiting device counts even if the directory changed since the last refresh; called after the
     * wait is registered, so that a refresh running meanwhile sees it among the waiting devices.
     */
    private void listen(Device device) {
        if (!known.knows(device)) {
            synchronized (this) {
                known = known.with(device, this::unresolved);
            }
            addUser(device.credentials());
        }
    }

    /** Notifications received so far (traps and informs that passed SNMP's own checks). */
    public long received() {
        return received.sum();
    }

    /** Notifications dropped so far, for any reason (the receiver's metric). */
    public long dropped() {
        return drops.total();
    }

    /** Notifications dropped so far for this reason. */
    long dropped(DropReason reason) {
        return drops.count(reason);
    }

    /** How many packets named an unknown SNMPv3 user (each asks for a refresh). */
    long unknownUsers() {
        return userRefresh.requests();
    }

    /** How many SNMPv3 user refreshes asked for by unknown users have run. */
    long userRefreshes() {
        return userRefresh.runs();
    }

    CompletionBook book() {
        return book;
    }

    RestartWaiters restarts() {
        return restarts;
    }

    KnownDevices known() {
        return known;
    }

    /** Reads the directory again on the receiver's thread; the future ends when that is done. */
    Future<?> refreshSoon() {
        try {
            return upkeep.submit(this::refresh);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null); // deactivated
        }
    }

    /**
     * Reads the directory's devices (and those of waiting operations) into the address index and adds
     * their v3 users. Runs on the receiver's thread only. Several devices may share one user.
     */
    private void refresh() {
        Set<Device> devices = new LinkedHashSet<>(waitingDevices());
        DeviceDirectory current = directory.get();
        if (current != null) {
            try {
                devices.addAll(current.devices());
            } catch (RuntimeException e) {
                // one failed read must not drop every device's notifications: the last ones read stay
                devices.addAll(known.devices());
                LOG.warn("could not read the devices of the device directory: {}", e.getMessage());
            }
        }
        KnownDevices fresh = KnownDevices.of(devices, this::unresolved);
        synchronized (this) {
            // a device an operation registered meanwhile stays
            for (Device waiting : waitingDevices()) {
                if (!fresh.knows(waiting)) {
                    fresh = fresh.with(waiting, this::unresolved);
                }
            }
            known = fresh;
        }
        for (Device device : devices) {
            addUser(device.credentials());
        }
    }

    private Set<Device> waitingDevices() {
        Set<Device> waiting = book.waitingDevices();
        waiting.addAll(restarts.waitingDevices());
        return waiting;
    }

    private void unresolved(String host) {
        unresolved.warn(LOG, "device host {} does not resolve: its notifications are dropped", DeviceText.escape(host));
    }

    /** Makes a device's v3 user known for its informs. */
    public void addUser(SnmpCredentials credentials) {
        if (credentials.version() != SnmpVersion.V3) {
            return;
        }
        OctetString name = new OctetString(credentials.securityName());
        try {
            usm.addUser(name, usm.getLocalEngineID(), new UsmUser(name, UsmProtocols.auth(credentials),
                    secret(credentials.authPassphrase()), UsmProtocols.priv(credentials),
                    secret(credentials.privPassphrase()), UsmUser.LocalizationGrant.incoming));
        } catch (IllegalArgumentException e) {
            LOG.warn("SNMPv3 user {} cannot receive informs: {}", credentials.securityName(), e.getMessage());
        }
    }

    private static OctetString secret(String passphrase) {
        return passphrase == null || passphrase.isEmpty() ? null
                : new OctetString(passphrase.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks the sender first (cheap, and most forged traps end there), then decodes. */
    private <A extends Address> void received(CommandResponderEvent<A> event, PDU pdu) {
        if (!(event.getPeerAddress() instanceof TransportIpAddress ip)) {
            return;
        }
        String from = ip.getInetAddress().getHostAddress();
        SenderCheck.Verdict verdict = SenderCheck.judge(known.at(from), event.getMessageProcessingModel(),
                event.getSecurityName(), event.getSecurityLevel());
        if (verdict.reason() != null) {
            drops.drop(verdict.reason(), from);
            return;
        }
        Variable trapOid = pdu instanceof PDUv1 v1 ? V1Traps.trapOid(v1) : pdu.getVariable(SnmpConstants.snmpTrapOID);
        if (!(trapOid instanceof OID oid)) {
            return;
        }
        if (SnmpConstants.coldStart.equals(oid) || SnmpConstants.warmStart.equals(oid)) {
            restarts.arrived(verdict.senders(), clock.instant());
            return;
        }
        CompletionDecoder decoder = decoders.get(oid.toDottedString());
        if (decoder == null) {
            return; // another notification of a known device (linkDown ...): not Uplift's business
        }
        decoder.decode(pdu, from, ip.getPort()).ifPresent(completion -> book.arrived(verdict.senders(), completion));
    }

    private final class Responder implements CommandResponder {
        @Override
        public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
            PDU pdu = event.getPDU();
            if (pdu == null || (pdu.getType() != PDU.TRAP && pdu.getType() != PDU.NOTIFICATION
                    && pdu.getType() != PDU.INFORM && pdu.getType() != PDU.V1TRAP)) {
                return;
            }
            event.setProcessed(true);
            received.increment();
            if (pdu.getType() == PDU.INFORM) {
                acknowledge(event, pdu);
            }
            try {
                received(event, pdu);
            } catch (RuntimeException e) {
                MALFORMED.warn(LOG, "ignored a malformed notification from {}: {}", event.getPeerAddress(),
                        DeviceText.escape(e.toString()));
            }
        }

        private <A extends Address> void acknowledge(CommandResponderEvent<A> event, PDU inform) {
            PDU response = (PDU) inform.clone();
            response.setType(PDU.RESPONSE);
            response.setErrorStatus(PDU.noError);
            response.setErrorIndex(0);
            try {
                event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                        event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                        event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
            } catch (Exception e) {
                LOG.debug("could not acknowledge an inform from {}: {}", event.getPeerAddress(), e.toString());
            }
        }
    }
}
