package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.common.logging.LogThrottle;

/**
 * When {@link WindowedSender} paces: never before the receiver lost blocks, in bursts with a pause
 * between them after a time-out or a gap, and less after a window that got through whole. The test
 * acknowledges over loopback; the blocks and the pauses are recorded, not sent nor waited for, so
 * the order of what the sender did is exact whatever the machine's speed.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WindowedSenderPacingTest {

    private static final int WINDOW = 8;
    private static final int BURST = 3;
    private static final long LAST_BLOCK = 16;
    /** The transfer's time-out: the first time-out waits this long, since no round trip is measured yet. */
    private static final long TIMEOUT_NANOS = 1_000_000_000L;

    /** What the sender did: "1-8" for blocks sent back to back, "pause 200000" for a pause. */
    private final BlockingQueue<String> wire = new LinkedBlockingQueue<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private DatagramSocket device;
    private TransferChannel channel;

    @BeforeEach
    void open() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        device = new DatagramSocket(new InetSocketAddress(loopback, 0));
        channel = new TransferChannel(loopback, (InetSocketAddress) device.getLocalSocketAddress(),
                (int) (TIMEOUT_NANOS / 1_000_000), 3, new LogThrottle("test", 1, Duration.ofSeconds(1)));
    }

    @AfterEach
    void close() {
        thread.shutdownNow();
        channel.close();
        device.close();
    }

    private Future<?> start() {
        BurstPacing pacing = new BurstPacing(BURST, nanos -> wire.add("pause " + nanos));
        WindowedSender sender = new WindowedSender(channel, (from, to) -> wire.add(from + "-" + to), WINDOW,
                LAST_BLOCK, new RttEstimator(TIMEOUT_NANOS), 3, pacing);
        return thread.submit(() -> {
            sender.run(() -> false, acknowledged -> {
            });
            return null;
        });
    }

    private void ack(int block) throws Exception {
        byte[] ack = RawTftp.ack(block);
        device.send(new DatagramPacket(ack, ack.length, InetAddress.getLoopbackAddress(), channel.localPort()));
    }

    /** The next {@code count} things the sender did. */
    private List<String> next(int count) throws InterruptedException {
        List<String> next = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String event = wire.poll(5, TimeUnit.SECONDS);
            assertNotNull(event, "the sender did nothing more after " + next);
            next.add(event);
        }
        return next;
    }

    /** Acknowledges {@code block} until the sender is done, whatever it sends meanwhile (a tail probe). */
    private List<String> finish(Future<?> run, int block) throws Exception {
        ack(block);
        run.get(10, TimeUnit.SECONDS);
        List<String> rest = new ArrayList<>();
        wire.drainTo(rest);
        return rest;
    }

    @Test
    void givenAReceiverThatLosesNothing_whenWindowsGoOut_thenTheyGoWholeAndNeverPause() throws Exception {
        Future<?> run = start();
        assertEquals(List.of("1-8"), next(1));
        ack(8);
        assertEquals(List.of("9-16"), next(1));
        List<String> rest = finish(run, 16);

        assertFalse(rest.stream().anyMatch(s -> s.startsWith("pause")), "paused without a loss: " + rest);
    }

    @Test
    void givenASilentReceiver_whenTheWindowTimesOut_thenItIsResentInBurstsAndTheNextCleanWindowPausesLess()
            throws Exception {
        Future<?> run = start();
        assertEquals(List.of("1-8"), next(1), "before a loss, the window whole");
        // silent: at the time-out the window goes again, now paced
        assertEquals(List.of("1-3", "pause 200000", "4-6", "pause 200000", "7-8"), next(5));
        ack(8); // the window got through whole: an eighth less pause
        assertEquals(List.of("9-11", "pause 175000", "12-14", "pause 175000", "15-16"), next(5));
        finish(run, 16);
    }

    @Test
    void givenAReceiverThatReportsAGap_whenTheServerResendsFromIt_thenInBurstsWithPausesBetween() throws Exception {
        Future<?> run = start();
        assertEquals(List.of("1-8"), next(1));
        ack(3); // block 4 lost: the window again from it, at once
        assertEquals(List.of("4-6", "pause 200000", "7-9", "pause 200000", "10-11"), next(5));
        ack(11);
        finish(run, 16);
    }
}
