package org.uplift.snmp.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.snmp4j.smi.TransportIpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.device.SnmpVersion;
import org.uplift.api.driver.DeviceEvents;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationHandle;
import org.uplift.snmp.session.UsmProtocols;

/**
 * Receives SNMPv1 and SNMPv2c traps and SNMPv3 informs on one UDP port and turns
 * operation-completion notifications into {@link OperationCompletion}s. A v1 Trap-PDU is read as
 * the v2 notification RFC 3584 3.1 maps it to (enterprise.0.specific-trap). SNMPv3 users come from the device
 * inventories: the USM table is refreshed when an inventory appears and whenever an inform names
 * an unknown user (the device retries its inform, which then authenticates).
 */
@Component(service = DeviceEvents.class, configurationPid = NotificationReceiver.PID)
@Designate(ocd = NotificationReceiver.Config.class)
public final class NotificationReceiver implements DeviceEvents {

    static final String PID = "org.uplift.snmp.notifications";
    private static final Logger LOG = LoggerFactory.getLogger(NotificationReceiver.class);
    private static final OID UNKNOWN_USER_NAMES = SnmpConstants.usmStatsUnknownUserNames;

    @ObjectClassDefinition(name = "Uplift SNMP notification receiver", description = "Where devices send "
            + "their operation-completion traps and informs")
    public @interface Config {

        @AttributeDefinition(name = "Bind address", description = "Address to receive on; loopback by default, "
                + "set 0.0.0.0 (or the NMS's address) for real devices")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "UDP port; devices' notification target must name it. "
                + "162 needs privileges, so the default is 10162", min = "0", max = "65535")
        int port() default 10162;

        @AttributeDefinition(name = "Retention (seconds)", description = "How long a notification is kept for a "
                + "waiter that asks late", min = "1")
        int retentionSeconds() default 600;
    }

    private final Snmp snmp;
    private final USM usm;
    private final CompletionBook book;
    private final Map<String, CompletionDecoder> decoders = new ConcurrentHashMap<>();
    private final List<DeviceInventory> inventories = new CopyOnWriteArrayList<>();

    @Activate
    public NotificationReceiver(Config config) throws IOException {
        Clock clock = Clock.systemUTC();
        this.book = new CompletionBook(Duration.ofSeconds(config.retentionSeconds()), clock);
        for (CompletionDecoder decoder : List.of(CopyRowCompletionDecoder.iad(clock), CopyRowCompletionDecoder.cisco(clock))) {
            decoders.put(decoder.notification().toDottedString(), decoder);
            // a notification whose OID has no 0 before its last arc comes back from v1 as another OID
            decoders.put(V1Traps.roundTrip(decoder.notification()).toDottedString(), decoder);
        }
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        OctetString engineId = new OctetString(MPv3.createLocalEngineID());
        CounterSupport counters = new CounterSupport();
        counters.addCounterListener(event -> {
            if (UNKNOWN_USER_NAMES.equals(event.getOid())) {
                refreshUsers();
            }
        });
        this.usm = new USM(protocols, engineId, 1, counters);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId.getValue(), null, protocols,
                SecurityModels.getCollection(new SecurityModel[] {usm}), counters));
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(
                new UdpAddress(InetAddress.getByName(config.bindAddress()), config.port()));
        this.snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(new Responder());
        try {
            snmp.listen();
        } catch (IOException e) {
            snmp.close();
            throw new IOException("cannot receive SNMP notifications on udp " + config.bindAddress() + ":"
                    + config.port() + " (" + e.getMessage() + "); set another port in etc/" + PID + ".cfg", e);
        }
        LOG.info("receiving SNMP notifications on udp {}", transport.getListenAddress());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addInventory(DeviceInventory inventory) {
        inventories.add(inventory);
        if (snmp != null) {
            refreshUsers();
        }
    }

    void removeInventory(DeviceInventory inventory) {
        inventories.remove(inventory);
    }

    @Deactivate
    void deactivate() throws IOException {
        snmp.close();
    }

    /** The UDP port notifications arrive on (useful when configured as 0). */
    public int port() {
        return snmp.getMessageDispatcher().getTransportMappings().iterator().next().getListenAddress() instanceof
                UdpAddress udp ? udp.getPort() : -1;
    }

    @Override
    public CompletableFuture<OperationCompletion> completion(Device device, OperationHandle handle) {
        return book.await(hostAddress(device.host()), handle.index());
    }

    /** Adds (or replaces) the v3 users of every inventory's devices. Several devices may share one user. */
    void refreshUsers() {
        for (DeviceInventory inventory : inventories) {
            try {
                for (Device device : inventory.devices()) {
                    addUser(device.credentials());
                }
            } catch (RuntimeException e) {
                LOG.warn("could not read SNMPv3 users from inventory {}: {}", inventory, e.getMessage());
            }
        }
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

    static String hostAddress(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    private void received(PDU pdu, Address source) {
        Variable trapOid = pdu instanceof PDUv1 v1 ? V1Traps.trapOid(v1) : pdu.getVariable(SnmpConstants.snmpTrapOID);
        if (!(trapOid instanceof OID oid)) {
            return;
        }
        CompletionDecoder decoder = decoders.get(oid.toDottedString());
        if (decoder == null || !(source instanceof TransportIpAddress ip)) {
            return;
        }
        decoder.decode(pdu, ip.getInetAddress().getHostAddress(), ip.getPort()).ifPresent(book::arrived);
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
            if (pdu.getType() == PDU.INFORM) {
                acknowledge(event, pdu);
            }
            try {
                received(pdu, event.getPeerAddress());
            } catch (RuntimeException e) {
                LOG.warn("ignored a malformed notification from {}: {}", event.getPeerAddress(), e.toString());
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
