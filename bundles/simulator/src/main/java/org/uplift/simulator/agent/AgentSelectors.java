package org.uplift.simulator.agent;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A few threads, each with a selector, that read the UDP sockets of every agent in the JVM: a fleet of
 * 10,000 devices needs a handful of threads for SNMP, not one per device. Sockets are spread round-robin;
 * each datagram is handed to its socket's receiver on the thread that read it.
 */
final class AgentSelectors {

    /** Shared by every agent of this JVM; its threads are daemons, started on first use. */
    static final AgentSelectors SHARED = new AgentSelectors(Math.max(1, Math.min(4,
            Runtime.getRuntime().availableProcessors())));

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    AgentSelectors(int threads) {
        this.loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop("uplift-sim-snmp-" + (i + 1));
        }
    }

    /** From now on every datagram {@code channel} receives goes to {@code receiver} (its own copy of the bytes). */
    void register(DatagramChannel channel, BiConsumer<ByteBuffer, SocketAddress> receiver) throws IOException {
        loops[Math.floorMod(next.getAndIncrement(), loops.length)].add(channel, receiver);
    }

    /** One selector and its thread. */
    private static final class Loop implements Runnable {
        private final String name;
        private final Queue<Object[]> added = new ConcurrentLinkedQueue<>();
        private Selector selector;

        Loop(String name) {
            this.name = name;
        }

        synchronized void add(DatagramChannel channel, BiConsumer<ByteBuffer, SocketAddress> receiver)
                throws IOException {
            if (selector == null) {
                selector = Selector.open();
                Thread thread = new Thread(this, name);
                thread.setDaemon(true);
                thread.start();
            }
            // registered by the loop's own thread: register() blocks while another thread selects
            added.add(new Object[]{channel, receiver});
            selector.wakeup();
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
            while (true) {
                try {
                    selector.select();
                    for (Object[] pair = added.poll(); pair != null; pair = added.poll()) {
                        try {
                            ((DatagramChannel) pair[0]).register(selector, SelectionKey.OP_READ, pair[1]);
                        } catch (ClosedChannelException e) {
                            // the agent closed before it was registered
                        }
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        if (key.isValid()) {
                            drain(key, buffer);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // one agent's bad datagram or closed socket must not stop every other agent's
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static void drain(SelectionKey key, ByteBuffer buffer) {
            DatagramChannel channel = (DatagramChannel) key.channel();
            BiConsumer<ByteBuffer, SocketAddress> receiver = (BiConsumer<ByteBuffer, SocketAddress>) key.attachment();
            for (int i = 0; i < 16; i++) { // a few at a time, so one busy agent does not starve the others
                buffer.clear();
                SocketAddress from;
                try {
                    from = channel.receive(buffer);
                } catch (IOException e) {
                    key.cancel();
                    return;
                }
                if (from == null) {
                    return;
                }
                buffer.flip();
                byte[] copy = new byte[buffer.remaining()];
                buffer.get(copy);
                try {
                    receiver.accept(ByteBuffer.wrap(copy), from);
                } catch (RuntimeException e) {
                    // a message the agent cannot process is dropped, as DefaultUdpTransportMapping does
                }
            }
        }
    }
}
