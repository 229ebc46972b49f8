package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.repository.tftp.BurstPacing.BURST_BYTES;
import static org.uplift.repository.tftp.BurstPacing.PAUSE_MAX_NANOS;
import static org.uplift.repository.tftp.BurstPacing.PAUSE_MIN_NANOS;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The arithmetic of {@link BurstPacing}, on a recorded wire: what goes out, in which bursts, with
 * which pauses between them. No socket, no clock: a pause is recorded, not waited for.
 */
class BurstPacingTest {

    /** A block of 8 KiB on the wire: 8192 bytes and the 4-byte DATA header. */
    private static final int BLOCK_BYTES = 8192 + 4;
    private static final int BURST = BURST_BYTES / BLOCK_BYTES;

    /** What went out: "1-64" for a run of blocks sent back to back, "pause 200000" for a pause. */
    private final List<String> wire = new ArrayList<>();
    private final BurstPacing pacing = new BurstPacing(BURST, nanos -> wire.add("pause " + nanos));

    private void send(long from, long to) throws IOException {
        pacing.send(from, to, (first, last) -> wire.add(first + "-" + last));
    }

    @Test
    void givenNoLoss_whenWindowsGoOut_thenEachGoesWholeWithoutAPause() throws IOException {
        send(1, 64);
        pacing.windowThrough();
        send(65, 128);
        pacing.windowThrough();
        send(129, 192);

        assertEquals(List.of("1-64", "65-128", "129-192"), wire);
        assertEquals(0, pacing.pauseNanos());
    }

    @Test
    void givenALoss_whenAWindowGoesOut_thenInBurstsOfAtMostBurstBytesWithTheShortestPauseBetween()
            throws IOException {
        pacing.lost();
        send(1, 64);

        List<String> expected = new ArrayList<>();
        for (long first = 1; first <= 64; first += BURST) {
            if (first > 1) {
                expected.add("pause " + PAUSE_MIN_NANOS);
            }
            expected.add(first + "-" + Math.min(64, first + BURST - 1));
        }
        assertEquals(expected, wire);
        for (String burst : wire.stream().filter(s -> !s.startsWith("pause")).toList()) {
            String[] range = burst.split("-");
            long blocks = Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
            assertTrue(blocks * BLOCK_BYTES <= BURST_BYTES, burst + ": more than " + BURST_BYTES + " bytes at once");
        }
    }

    @Test
    void givenALoss_whenNoMoreThanABurstGoesOut_thenItGoesWithoutAPause() throws IOException {
        pacing.lost();
        send(10, 10 + BURST - 1);

        assertEquals(List.of("10-" + (10 + BURST - 1)), wire);
    }

    @Test
    void givenLossAfterLoss_thenThePauseDoublesUpToItsCap() {
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pacing.lost();
            pauses.add(pacing.pauseNanos());
        }

        assertEquals(List.of(200_000L, 400_000L, 800_000L, 1_600_000L, 3_200_000L, PAUSE_MAX_NANOS, PAUSE_MAX_NANOS,
                PAUSE_MAX_NANOS), pauses);
    }

    @Test
    void givenWindowsThatGetThroughWhole_thenThePauseEasesEachTimeUntilWindowsGoWholeAgain() throws IOException {
        for (int i = 0; i < 10; i++) {
            pacing.lost();
        }
        long before = pacing.pauseNanos();
        int windows = 0;
        while (pacing.pauseNanos() > 0) {
            pacing.windowThrough();
            windows++;
            assertTrue(pacing.pauseNanos() < before, "no easing after window " + windows);
            assertTrue(pacing.pauseNanos() == 0 || pacing.pauseNanos() == before * 7 / 8,
                    "eased from " + before + " to " + pacing.pauseNanos() + " ns: by an eighth per window");
            assertTrue(pacing.pauseNanos() == 0 || pacing.pauseNanos() >= PAUSE_MIN_NANOS / 4,
                    "a pause under a quarter of the shortest is no pause");
            before = pacing.pauseNanos();
        }
        // from 5 ms down by an eighth per window to under 50 us: 35 windows
        assertEquals(35, windows);
        send(1, 64);
        assertEquals(List.of("1-64"), wire);
    }

    @Test
    void givenALossAfterEasing_thenThePauseDoublesFromWhereItWas() {
        pacing.lost();
        pacing.lost();
        pacing.windowThrough();
        pacing.lost();

        assertEquals(400_000L * 7 / 8 * 2, pacing.pauseNanos());
    }
}
