package org.uplift.snmp.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;

/**
 * SNMP plumbing every driver shares: one SNMP4J {@link Snmp} on an ephemeral UDP port, targets
 * built from a {@link Device}'s credentials, and GET/SET with errors turned into
 * {@link DeviceException}s an operator can read. Messages never carry a community or passphrase.
 */
public final class SnmpSession implements AutoCloseable {

    private final Snmp snmp;
    private final long timeoutMillis;
    private final int retries;

    /** Opens the session's UDP socket (any local address, ephemeral port) and starts listening. */
    public SnmpSession(long timeoutMillis, int retries) throws IOException {
        if (timeoutMillis < 1 || retries < 0) {
            throw new IllegalArgumentException("timeout must be positive and retries not negative (got "
                    + timeoutMillis + " ms, " + retries + " retries)");
        }
        this.timeoutMillis = timeoutMillis;
        this.retries = retries;
        this.snmp = new Snmp(new DefaultUdpTransportMapping());
        this.snmp.listen();
    }

    /** GETs the variables; the answer's bindings in request order (exceptions like noSuchInstance included). */
    public List<VariableBinding> get(Device device, OID... oids) throws DeviceException {
        PDU pdu = new PDU();
        pdu.setType(PDU.GET);
        for (OID oid : oids) {
            pdu.add(new VariableBinding(oid));
        }
        return send(device, pdu, "GET");
    }

    /** SETs the variables in one request. */
    public void set(Device device, VariableBinding... bindings) throws DeviceException {
        PDU pdu = new PDU();
        pdu.setType(PDU.SET);
        for (VariableBinding binding : bindings) {
            pdu.add(binding);
        }
        send(device, pdu, "SET");
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }

    private List<VariableBinding> send(Device device, PDU pdu, String operation) throws DeviceException {
        Target<UdpAddress> target = target(device);
        ResponseEvent<UdpAddress> event;
        try {
            event = snmp.send(pdu, target);
        } catch (IOException e) {
            throw new DeviceException(describe(device) + ": could not send SNMP " + operation + ": " + e.getMessage(),
                    false, e);
        }
        if (event == null || event.getResponse() == null) {
            if (event != null && event.getError() != null) {
                throw new DeviceException(describe(device) + ": SNMP " + operation + " failed: "
                        + event.getError().getMessage(), false, event.getError());
            }
            throw new DeviceException(describe(device) + " did not answer SNMP within " + timeoutMillis + " ms ("
                    + retries + (retries == 1 ? " retry" : " retries") + "); check that it is up, its address and "
                    + "port, and the credentials (a v2c agent ignores a wrong community)", true);
        }
        PDU response = event.getResponse();
        if (response.getType() == PDU.REPORT) {
            throw new DeviceException(describe(device) + " refused the SNMP " + operation + " with a report ("
                    + response.getVariableBindings() + "); check the SNMPv3 credentials", false);
        }
        if (response.getErrorStatus() != PDU.noError) {
            OID failed = failedOid(pdu, response);
            throw new SnmpRequestException(describe(device) + " rejected SNMP " + operation + " with "
                    + SnmpErrorStatus.name(response.getErrorStatus())
                    + (failed == null ? "" : " at " + failed.toDottedString()),
                    response.getErrorStatus(), failed);
        }
        return List.copyOf(response.getVariableBindings());
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
            case V3 -> throw new DeviceException(describe(device) + ": SNMPv3 is not supported by this Uplift "
                    + "version yet; configure the device for v2c", false);
        };
    }

    private Target<UdpAddress> communityTarget(UdpAddress address, SnmpCredentials credentials) {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(address, new OctetString(credentials.community()));
        target.setVersion(SnmpConstants.version2c);
        target.setTimeout(timeoutMillis);
        target.setRetries(retries);
        return target;
    }

    // An SNMPv3 UserTarget with a USM user (security name, auth and priv protocols and passphrases from
    // SnmpCredentials) goes next to communityTarget; the session then also needs a USM with those users.

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
