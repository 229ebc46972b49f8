package org.uplift.simulator.agent;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.snmp4j.TransportStateReference;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.UdpTransportMapping;

/**
 * One agent's UDP socket, read by the few threads of {@link AgentSelectors} instead of a thread of its own
 * (snmp4j's DefaultUdpTransportMapping has one per socket: 10,000 devices would need 10,000 threads).
 * A request is answered on the selector thread that read it; agents answer from memory, at once.
 */
final class SharedUdpTransport extends UdpTransportMapping {

    private static final int MAX_MESSAGE = 65535;

    private final DatagramChannel channel;
    private final AgentSelectors selectors;
    private volatile boolean listening;

    /** Binds the socket now (port 0: any free one), so the port is known before {@link #listen()}. */
    SharedUdpTransport(UdpAddress address, AgentSelectors selectors) throws IOException {
        super(address);
        this.selectors = selectors;
        this.channel = DatagramChannel.open(address.getInetAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(address.getInetAddress(), address.getPort()));
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        this.udpAddress = new UdpAddress(address.getInetAddress(),
                ((InetSocketAddress) channel.getLocalAddress()).getPort());
        this.maxInboundMessageSize = MAX_MESSAGE;
    }

    @Override
    public void listen() throws IOException {
        listening = true;
        selectors.register(channel, this::received);
    }

    @Override
    public boolean isListening() {
        return listening;
    }

    @Override
    public void sendMessage(UdpAddress target, byte[] message, TransportStateReference state, long timeoutMillis,
            int maxRetries) throws IOException {
        // non-blocking: a full socket buffer drops the datagram, as a busy device's network stack would
        channel.send(ByteBuffer.wrap(message), new InetSocketAddress(target.getInetAddress(), target.getPort()));
    }

    @Override
    public void close() throws IOException {
        listening = false;
        channel.close(); // also cancels its selection key
    }

    private void received(ByteBuffer datagram, SocketAddress from) {
        InetSocketAddress sender = (InetSocketAddress) from;
        fireProcessMessage(new UdpAddress(sender.getAddress(), sender.getPort()), datagram,
                new TransportStateReference(this, udpAddress, null, SecurityLevel.undefined, SecurityLevel.undefined,
                        false, null));
    }
}
