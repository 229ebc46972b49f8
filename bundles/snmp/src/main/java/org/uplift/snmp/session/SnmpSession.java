package org.uplift.snmp.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.device.SnmpVersion;
import org.uplift.api.driver.DeviceException;

/**
 * SNMP plumbing every driver shares: one SNMP4J {@link Snmp} on one ephemeral UDP port for any
 * number of devices, asynchronous GET/SET (a request waits on no thread; SNMP4J's one listener
 * thread completes it), bounded walks, SNMPv1, SNMPv2c and SNMPv3 (USM with its own user table,
 * each device's user bound to that device's engine ID, so devices may share a user name with
 * different passphrases), and errors turned into {@link DeviceException}s an operator can read.
 * Messages never carry a community or passphrase.
 * <p>
 * SNMPv3: a device's engine ID is discovered at its first request and kept; when a device answers
 * unknownEngineID (it took another ID) or notInTimeWindow (it restarted) the session forgets what it
 * knew of that engine, rediscovers it and resends the request once, on a background thread. An
 * unanswered request is followed by one discovery (SNMP4J drops the report of an agent with a new
 * engine ID): a new ID, and the request is sent again once; none, and the engine is forgotten.
 * <p>
 * SNMPv1: a GET whose answer is noSuchName for one variable (v1 has no noSuchObject) is asked again
 * without it, and that variable answers {@link Null#noSuchObject}, as over v2c; walks use GETNEXT.
 */
public final class SnmpSession implements AutoCloseable {

    /** Rows asked for per GETBULK of a walk: small enough for any agent's message size. */
    private static final int WALK_REPETITIONS = 16;

    /** Threads for engine rediscovery and v1 re-asks: a few, however many devices restart at once. */
    private static final int BACKGROUND_THREADS = 4;
    private static final int BACKGROUND_QUEUE = 256;

    private final Snmp snmp;
    private final USM usm;
    private final MPv3 mpv3;
    private final long timeoutMillis;
    private final int retries;
    private final Map<String, byte[]> engineIds = new ConcurrentHashMap<>();
    private final Map<String, SnmpCredentials> usersByEngine = new ConcurrentHashMap<>();
    private final BackgroundWork background = new BackgroundWork("uplift-snmp-rediscovery", BACKGROUND_THREADS,
            BACKGROUND_QUEUE);
    private final AtomicLong rediscoveries = new AtomicLong();

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
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        this.mpv3 = new MPv3(engineId.getValue(), null, protocols,
                SecurityModels.getCollection(new SecurityModel[]{usm}), counters);
        dispatcher.addMessageProcessingModel(mpv3);
        this.snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
        try {
            this.snmp.listen();
        } catch (IOException e) {
            background.close();
            throw e;
        }
    }

    /**
     * GETs the variables; the answer's bindings in request order (exceptions like noSuchInstance
     * included; over v1 a missing object answers noSuchObject).
     */
    public List<VariableBinding> get(Device device, OID... oids) throws DeviceException {
        return await(getAsync(device, oids));
    }

    /** SETs the variables in one request. */
    public void set(Device device, VariableBinding... bindings) throws DeviceException {
        await(setAsync(device, bindings));
    }

    /**
     * Walks the subtree under {@code root} with GETBULK (GETNEXT over v1): at most {@code maxRows} bindings, in order,
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
            List<VariableBinding> answer = next(device, last, maxRows - rows.size());
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

    /** The bindings after {@code last}: up to {@code wanted} by GETBULK, one by GETNEXT over v1 (none at the end). */
    private List<VariableBinding> next(Device device, OID last, int wanted) throws DeviceException {
        if (device.credentials().version() == SnmpVersion.V1) {
            PDU pdu = pdu(device, PDU.GETNEXT);
            pdu.add(new VariableBinding(last));
            try {
                return await(send(device, pdu, "GETNEXT"));
            } catch (SnmpRequestException e) {
                // a v1 agent says noSuchName past its last object
                if (e.errorStatus() == PDU.noSuchName) {
                    return List.of();
                }
                throw e;
            }
        }
        PDU pdu = pdu(device, PDU.GETBULK);
        pdu.setNonRepeaters(0);
        pdu.setMaxRepetitions(Math.min(WALK_REPETITIONS, wanted));
        pdu.add(new VariableBinding(last));
        return await(send(device, pdu, "GETBULK"));
    }

    /**
     * GETs without waiting; the future fails with a {@link DeviceException}. Only a v3 device's
     * first request blocks, for its engine ID discovery.
     */
    public CompletableFuture<List<VariableBinding>> getAsync(Device device, OID... oids) {
        if (device.credentials().version() == SnmpVersion.V1) {
            return getV1(device, List.of(oids), new boolean[oids.length]);
        }
        PDU pdu = pdu(device, PDU.GET);
        for (OID oid : oids) {
            pdu.add(new VariableBinding(oid));
        }
        return send(device, pdu, "GET");
    }

    /**
     * A v1 GET of the variables not yet known {@code missing}; a noSuchName for one of them marks it
     * and asks again without it (off the listener thread), so each round trip drops one variable.
     */
    private CompletableFuture<List<VariableBinding>> getV1(Device device, List<OID> oids, boolean[] missing) {
        List<Integer> asked = new ArrayList<>();
        PDU pdu = pdu(device, PDU.GET);
        for (int i = 0; i < oids.size(); i++) {
            if (!missing[i]) {
                asked.add(i);
                pdu.add(new VariableBinding(oids.get(i)));
            }
        }
        if (asked.isEmpty()) {
            return CompletableFuture.completedFuture(merged(oids, missing, List.of()));
        }
        CompletableFuture<List<VariableBinding>> result = new CompletableFuture<>();
        send(device, pdu, "GET").whenComplete((answer, failure) -> {
            if (failure == null) {
                result.complete(merged(oids, missing, answer));
                return;
            }
            int missingAt = failure instanceof SnmpRequestException e && e.errorStatus() == PDU.noSuchName
                    ? missingIndex(oids, asked, e.failedOid()) : -1;
            if (missingAt < 0) {
                result.completeExceptionally(failure);
                return;
            }
            missing[missingAt] = true;
            background.run(result, () -> getV1(device, oids, missing).whenComplete((again, error) -> {
                if (error == null) {
                    result.complete(again);
                } else {
                    result.completeExceptionally(error);
                }
            }), () -> new DeviceException(describe(device) + " has no " + oids.get(missingAt).toDottedString()
                    + " (SNMPv1 noSuchName) and the session could not ask again without it", false));
        });
        return result;
    }

    /** Which of the asked variables the agent named missing, or -1. */
    private static int missingIndex(List<OID> oids, List<Integer> asked, OID failed) {
        if (failed == null) {
            return -1;
        }
        for (int i : asked) {
            if (oids.get(i).equals(failed)) {
                return i;
            }
        }
        return -1;
    }

    /** The answer in request order, noSuchObject where the agent lacks the object. */
    private static List<VariableBinding> merged(List<OID> oids, boolean[] missing, List<VariableBinding> answer) {
        List<VariableBinding> all = new ArrayList<>(oids.size());
        int next = 0;
        for (int i = 0; i < oids.size(); i++) {
            all.add(missing[i] ? new VariableBinding(oids.get(i), Null.noSuchObject) : answer.get(next++));
        }
        return List.copyOf(all);
    }

    /** SETs without waiting; the future fails with a {@link DeviceException}. */
    public CompletableFuture<List<VariableBinding>> setAsync(Device device, VariableBinding... bindings) {
        PDU pdu = pdu(device, PDU.SET);
        for (VariableBinding binding : bindings) {
            pdu.add(binding);
        }
        return send(device, pdu, "SET");
    }

    /**
     * How often a known v3 engine was forgotten to be discovered again: after an unknownEngineID
     * or notInTimeWindow report, or an unanswered request.
     */
    public long rediscoveries() {
        return rediscoveries.get();
    }

    @Override
    public void close() throws IOException {
        background.close();
        snmp.close();
    }

    private static PDU pdu(Device device, int type) {
        PDU pdu = switch (device.credentials().version()) {
            case V1 -> new PDUv1();
            case V2C -> new PDU();
            case V3 -> new ScopedPDU();
        };
        pdu.setType(type);
        return pdu;
    }

    private CompletableFuture<List<VariableBinding>> send(Device device, PDU pdu, String operation) {
        return send(device, pdu, operation, true);
    }

    /** @param mayRediscover whether a stale-engine report may still rediscover and resend (once per request) */
    private CompletableFuture<List<VariableBinding>> send(Device device, PDU pdu, String operation,
            boolean mayRediscover) {
        CompletableFuture<List<VariableBinding>> result = new CompletableFuture<>();
        // SNMP4J stamps the PDU it sends (request ID, context engine ID): a resend starts from a copy
        PDU pristine = (PDU) pdu.clone();
        try {
            Route route = route(device);
            snmp.send(pdu, route.target(), null, new ResponseListener() {
                @Override
                public <A extends Address> void onResponse(ResponseEvent<A> event) {
                    // SNMP4J keeps a request until it is cancelled (e.g. late retransmission answers)
                    ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                    PDU response = event.getResponse();
                    if (mayRediscover && route.engineId() != null && response != null
                            && response.getType() == PDU.REPORT && UsmReports.staleEngine(response)) {
                        rediscoverAndResend(device, route, pristine, operation, UsmReports.describe(response),
                                result);
                        return;
                    }
                    if (route.engineId() != null && response == null && event.getError() == null) {
                        DeviceException unanswered = unanswered(device);
                        if (mayRediscover) {
                            checkEngineAfterSilence(device, route, pristine, operation, unanswered, result);
                        } else {
                            forget(route);
                            result.completeExceptionally(unanswered);
                        }
                        return;
                    }
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

    /**
     * Off the listener thread (discovery waits for an answer): forgets the engine the report
     * contradicts, rediscovers it and sends the request again, once.
     */
    private void rediscoverAndResend(Device device, Route stale, PDU request, String operation, String cause,
            CompletableFuture<List<VariableBinding>> result) {
        background.run(result, () -> {
            forget(stale);
            send(device, request, operation, false).whenComplete((answer, failure) -> {
                if (failure == null) {
                    result.complete(answer);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        }, () -> new DeviceException(describe(device) + " refused the SNMP " + operation + ": " + cause
                + "; its engine could not be rediscovered now (session busy or closed)", false));
    }

    /**
     * A v3 request went unanswered. A device that came back with a new engine ID answers a request
     * to its old one with an unknownEngineID report naming the new ID, which SNMP4J cannot match to
     * the request (RFC 3412 7.2.11) and drops: so, off the listener thread, one discovery (one
     * time-out at most) tells. A new engine ID: the device refused the request unread, so it is sent
     * again, once, even a SET. No answer: the engine is forgotten and the next request rediscovers
     * it. The same engine ID: the request really went unanswered.
     */
    private void checkEngineAfterSilence(Device device, Route route, PDU request, String operation,
            DeviceException unanswered, CompletableFuture<List<VariableBinding>> result) {
        background.run(result, () -> {
            byte[] now = snmp.discoverAuthoritativeEngineID(route.target().getAddress(), timeoutMillis);
            if (now == null || now.length == 0) {
                forget(route);
                result.completeExceptionally(unanswered);
            } else if (Arrays.equals(now, route.engineId())) {
                result.completeExceptionally(unanswered);
            } else {
                if (engineIds.replace(route.target().getAddress().toString(), route.engineId(), now)) {
                    rediscoveries.incrementAndGet();
                }
                send(device, request, operation, false).whenComplete((answer, failure) -> {
                    if (failure == null) {
                        result.complete(answer);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
            }
        }, () -> unanswered);
    }

    /**
     * Forgets the engine ID and engine time known for the route's address (the next request
     * rediscovers them), unless a rediscovery has replaced them already. Never blocks.
     */
    private void forget(Route stale) {
        String key = stale.target().getAddress().toString();
        if (engineIds.remove(key, stale.engineId())) {
            rediscoveries.incrementAndGet();
            OctetString engineId = new OctetString(stale.engineId());
            mpv3.removeEngineID(stale.target().getAddress());
            usm.removeEngineTime(engineId);
        }
    }

    private <A extends Address> List<VariableBinding> interpret(Device device, PDU request, ResponseEvent<A> event,
            String operation) throws DeviceException {
        PDU response = event.getResponse();
        if (response == null) {
            if (event.getError() != null) {
                throw new DeviceException(describe(device) + ": SNMP " + operation + " failed: "
                        + event.getError().getMessage(), false, event.getError());
            }
            throw unanswered(device);
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

    private DeviceException unanswered(Device device) {
        return new DeviceException(describe(device) + " did not answer SNMP within " + timeoutMillis
                + " ms (" + retries + (retries == 1 ? " retry" : " retries") + "); check that it is up, its address "
                + "and port, and the credentials (a v1 or v2c agent ignores a wrong community)", true);
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

    /** Where a request goes; for v3 with the engine ID it was sent to ({@code null} for v1 and v2c). */
    private record Route(Target<UdpAddress> target, byte[] engineId) {
    }

    private Route route(Device device) throws DeviceException {
        UdpAddress address = address(device);
        SnmpCredentials credentials = device.credentials();
        return switch (credentials.version()) {
            case V1 -> new Route(communityTarget(address, credentials, SnmpConstants.version1), null);
            case V2C -> new Route(communityTarget(address, credentials, SnmpConstants.version2c), null);
            case V3 -> userRoute(device, address, credentials);
        };
    }

    private Target<UdpAddress> communityTarget(UdpAddress address, SnmpCredentials credentials, int version) {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(address, new OctetString(credentials.community()));
        target.setVersion(version);
        target.setTimeout(timeoutMillis);
        target.setRetries(retries);
        return target;
    }

    private Route userRoute(Device device, UdpAddress address, SnmpCredentials credentials)
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
        return new Route(target, engineId);
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
