package org.uplift.snmp.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;

/**
 * SNMP plumbing every driver shares: one SNMP4J {@link Snmp} on one ephemeral UDP port for any
 * number of devices, asynchronous GET/SET (a request waits on no thread; SNMP4J's one listener
 * thread completes it), bounded GETBULK walks, SNMPv2c and SNMPv3 (USM with its own user table, each device's user bound
 * to that device's engine ID, so devices may share a user name with different passphrases), and
 * errors turned into {@link DeviceException}s an operator can read. Messages never carry a
 * community or passphrase.
 */
public final class SnmpSession implements AutoCloseable {

    /** Rows asked for per GETBULK of a walk: small enough for any agent's message size. */
    private static final int WALK_REPETITIONS = 16;

    private final Snmp snmp;
    private final USM usm;
    private final long timeoutMillis;
    private final int retries;
    private final Map<String, byte[]> engineIds = new ConcurrentHashMap<>();
    private final Map<String, SnmpCredentials> usersByEngine = new ConcurrentHashMap<>();

    /** Opens the session's UDP socket (any local address, ephemeral port) and starts listening. */
    public SnmpSession(long timeoutMillis, int retries) throws IOException {
        if (timeoutMillis < 1 || retries < 0) {
            throw new IllegalArgumentException("timeout must be positive and retries not negative (got "
                    + timeoutMillis + " ms, " + retries + " retries)");
        }
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        OctetString engineId = new OctetString(MPv3.createLocalEngineID());
        CounterSupport counters = new CounterSupport();
        this.usm = new USM(protocols, engineId, 0, counters);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(engineId.getValue(), null, protocols,
                SecurityModels.getCollection(new SecurityModel[] {usm}), counters));
        this.snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
        this.snmp.listen();
    }

    /** GETs the variables; the answer's bindings in request order (exceptions like noSuchInstance included). */
    public List<VariableBinding> get(Device device, OID... oids) throws DeviceException {
        return await(getAsync(device, oids));
    }

    /** SETs the variables in one request. */
    public void set(Device device, VariableBinding... bindings) throws DeviceException {
        await(setAsync(device, bindings));
    }

    /**
     * Walks the subtree under {@code root} with GETBULK: at most {@code maxRows} bindings, in order,
     * ending at the subtree's end, at endOfMibView, or where an agent answers out of order (which
     * would loop for ever). A real device's table can be long: callers bound it to what they need.
     */
    public List<VariableBinding> walk(Device device, OID root, int maxRows) throws DeviceException {
        if (maxRows < 1) {
            throw new IllegalArgumentException("a walk needs at least one row (got " + maxRows + ")");
        }
        List<VariableBinding> rows = new ArrayList<>();
        OID last = root;
        while (rows.size() < maxRows) {
            PDU pdu = pdu(device, PDU.GETBULK);
            pdu.setNonRepeaters(0);
            pdu.setMaxRepetitions(Math.min(WALK_REPETITIONS, maxRows - rows.size()));
            pdu.add(new VariableBinding(last));
            List<VariableBinding> answer = await(send(device, pdu, "GETBULK"));
            if (answer.isEmpty()) {
                return rows;
            }
            for (VariableBinding binding : answer) {
                OID oid = binding.getOid();
                if (binding.isException() || !oid.startsWith(root) || oid.compareTo(last) <= 0
                        || rows.size() >= maxRows) {
                    return rows;
                }
                rows.add(binding);
                last = oid;
            }
        }
        return rows;
    }

    /**
     * GETs without waiting; the future fails with a {@link DeviceException}. Only a v3 device's
     * first request blocks, for its engine ID discovery.
     */
    public CompletableFuture<List<VariableBinding>> getAsync(Device device, OID... oids) {
        PDU pdu = pdu(device, PDU.GET);
        for (OID oid : oids) {
            pdu.add(new VariableBinding(oid));
        }
        return send(device, pdu, "GET");
    }

    /** SETs without waiting; the future fails with a {@link DeviceException}. */
    public CompletableFuture<List<VariableBinding>> setAsync(Device device, VariableBinding... bindings) {
        PDU pdu = pdu(device, PDU.SET);
        for (VariableBinding binding : bindings) {
            pdu.add(binding);
        }
        return send(device, pdu, "SET");
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }

    private static PDU pdu(Device device, int type) {
        PDU pdu = device.credentials().version() == org.uplift.api.device.SnmpVersion.V3 ? new ScopedPDU() : new PDU();
        pdu.setType(type);
        return pdu;
    }

    private CompletableFuture<List<VariableBinding>> send(Device device, PDU pdu, String operation) {
        CompletableFuture<List<VariableBinding>> result = new CompletableFuture<>();
        try {
            Target<UdpAddress> target = target(device);
            snmp.send(pdu, target, null, new ResponseListener() {
                @Override
                public <A extends Address> void onResponse(ResponseEvent<A> event) {
                    // SNMP4J keeps a request until it is cancelled (e.g. late retransmission answers)
                    ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                    try {
                        result.complete(interpret(device, pdu, event, operation));
                    } catch (DeviceException e) {
                        result.completeExceptionally(e);
                    }
                }
            });
        } catch (DeviceException e) {
            result.completeExceptionally(e);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(new DeviceException(describe(device) + ": could not send SNMP " + operation
                    + ": " + e.getMessage(), false, e));
        }
        return result;
    }

    private <A extends Address> List<VariableBinding> interpret(Device device, PDU request, ResponseEvent<A> event,
            String operation) throws DeviceException {
        PDU response = event.getResponse();
        if (response == null) {
            if (event.getError() != null) {
                throw new DeviceException(describe(device) + ": SNMP " + operation + " failed: "
                        + event.getError().getMessage(), false, event.getError());
            }
            throw new DeviceException(describe(device) + " did not answer SNMP within " + timeoutMillis + " ms ("
                    + retries + (retries == 1 ? " retry" : " retries") + "); check that it is up, its address and "
                    + "port, and the credentials (a v2c agent ignores a wrong community)", true);
        }
        if (response.getType() == PDU.REPORT) {
            throw new DeviceException(describe(device) + " refused the SNMP " + operation + ": "
                    + UsmReports.describe(response) + "; check the device's SNMPv3 user, passphrases and protocols",
                    false);
        }
        if (response.getErrorStatus() != PDU.noError) {
            OID failed = failedOid(request, response);
            throw new SnmpRequestException(describe(device) + " rejected SNMP " + operation + " with "
                    + SnmpErrorStatus.name(response.getErrorStatus())
                    + (failed == null ? "" : " at " + failed.toDottedString())
                    + (response.getErrorStatus() == PDU.tooBig ? " (the answer would not fit in one message)" : ""),
                    response.getErrorStatus(), failed);
        }
        // a GETBULK answer holds up to max-repetitions bindings per variable, or fewer
        if (request.getType() != PDU.GETBULK && response.size() != request.size()) {
            throw new DeviceException(describe(device) + " answered SNMP " + operation + " with " + response.size()
                    + " variables for " + request.size() + " asked; the agent is broken", false);
        }
        return List.copyOf(response.getVariableBindings());
    }

    private static List<VariableBinding> await(CompletableFuture<List<VariableBinding>> future) throws DeviceException {
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof DeviceException device) {
                throw device;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while waiting for an SNMP answer", false, e);
        }
    }

    private static OID failedOid(PDU request, PDU response) {
        int index = response.getErrorIndex();
        if (index >= 1 && index <= response.size()) {
            return response.get(index - 1).getOid();
        }
        if (index >= 1 && index <= request.size()) {
            return request.get(index - 1).getOid();
        }
        return null;
    }

    private Target<UdpAddress> target(Device device) throws DeviceException {
        UdpAddress address = address(device);
        SnmpCredentials credentials = device.credentials();
        return switch (credentials.version()) {
            case V2C -> communityTarget(address, credentials);
            case V3 -> userTarget(device, address, credentials);
        };
    }

    private Target<UdpAddress> communityTarget(UdpAddress address, SnmpCredentials credentials) {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(address, new OctetString(credentials.community()));
        target.setVersion(SnmpConstants.version2c);
        target.setTimeout(timeoutMillis);
        target.setRetries(retries);
        return target;
    }

    private Target<UdpAddress> userTarget(Device device, UdpAddress address, SnmpCredentials credentials)
            throws DeviceException {
        byte[] engineId = engineId(device, address);
        OctetString name = new OctetString(credentials.securityName());
        String key = new OctetString(engineId).toHexString() + "/" + credentials.securityName();
        int level;
        try {
            level = UsmProtocols.securityLevel(credentials);
            if (!credentials.equals(usersByEngine.get(key))) {
                usm.addUser(name, new OctetString(engineId), new UsmUser(name, UsmProtocols.auth(credentials),
                        secret(credentials.authPassphrase()), UsmProtocols.priv(credentials),
                        secret(credentials.privPassphrase()), UsmUser.LocalizationGrant.outgoing));
                usersByEngine.put(key, credentials);
            }
        } catch (IllegalArgumentException e) {
            throw new DeviceException(describe(device) + ": " + e.getMessage(), false, e);
        }
        UserTarget<UdpAddress> target = new UserTarget<>(address, name, engineId, level);
        target.setVersion(SnmpConstants.version3);
        target.setTimeout(timeoutMillis);
        target.setRetries(retries);
        return target;
    }

    private byte[] engineId(Device device, UdpAddress address) throws DeviceException {
        String key = address.toString();
        byte[] known = engineIds.get(key);
        if (known != null) {
            return known;
        }
        byte[] discovered = snmp.discoverAuthoritativeEngineID(address, timeoutMillis * (retries + 1));
        if (discovered == null || discovered.length == 0) {
            throw new DeviceException(describe(device) + " did not answer SNMPv3 engine discovery within "
                    + timeoutMillis * (retries + 1) + " ms; check that it is up, its address and port, and that it "
                    + "speaks SNMPv3", true);
        }
        engineIds.put(key, discovered);
        return discovered;
    }

    private static OctetString secret(String passphrase) {
        return passphrase == null || passphrase.isEmpty() ? null
                : new OctetString(passphrase.getBytes(StandardCharsets.UTF_8));
    }

    private static UdpAddress address(Device device) throws DeviceException {
        try {
            return new UdpAddress(InetAddress.getByName(device.host()), device.snmpPort());
        } catch (UnknownHostException e) {
            throw new DeviceException("device " + device.id() + ": cannot resolve host '" + device.host() + "'",
                    false, e);
        }
    }

    /** How messages name a device: its id and SNMP address. */
    public static String describe(Device device) {
        return "device " + device.id() + " (" + device.host() + ":" + device.snmpPort() + ")";
    }
}
