package org.uplift.snmp.iad;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A tiny misbehaving v2c agent on 127.0.0.1 for tests: every request is answered with the PDU the
 * test's function builds from it (SNMP4J encodes it), so a test can answer wrong types or errors.
 */
public final class MisbehavingAgent implements AutoCloseable {

    public final List<PDU> requests = new CopyOnWriteArrayList<>();
    private final Snmp snmp;
    private final int port;

    public MisbehavingAgent(UnaryOperator<PDU> answer) throws IOException {
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(
                new UdpAddress(InetAddress.getLoopbackAddress(), 0));
        snmp = new Snmp(transport);
        snmp.addCommandResponder(new CommandResponder() {
            @Override
            public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
                PDU request = event.getPDU();
                requests.add(request);
                PDU response = answer.apply(request);
                response.setType(PDU.RESPONSE);
                response.setRequestID(request.getRequestID());
                try {
                    event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                            event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                            event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                event.setProcessed(true);
            }
        });
        snmp.listen();
        port = transport.getListenAddress().getPort();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }
}
