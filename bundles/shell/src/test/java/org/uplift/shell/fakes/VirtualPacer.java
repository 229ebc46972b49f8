package org.uplift.shell.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.uplift.shell.progress.Pacer;

/**
 * Virtual time for the followers: each pause moves the clock on and runs the test's next scripted
 * change of the world, so a follower sees exactly one change per look.
 */
public final class VirtualPacer implements Pacer {

    private final Deque<Runnable> script = new ArrayDeque<>();
    private final int maxPauses;
    private Instant now = FakeUpgrades.T0.plusSeconds(60);
    public int pauses;

    /** {@code maxPauses}: a follower that has not stopped by then fails the test instead of looping. */
    public VirtualPacer(int maxPauses) {
        this.maxPauses = maxPauses;
    }

    /** The next change, applied at the next pause. */
    public VirtualPacer then(Runnable change) {
        script.add(change);
        return this;
    }

    /** {@code n} pauses where nothing changes. */
    public VirtualPacer idle(int n) {
        for (int i = 0; i < n; i++) {
            script.add(() -> {
            });
        }
        return this;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void pause(Duration duration) {
        if (++pauses > maxPauses) {
            throw new AssertionError("the follower did not stop within " + maxPauses + " looks");
        }
        now = now.plus(duration);
        Runnable next = script.poll();
        if (next != null) {
            next.run();
        }
    }

    public boolean scriptDone() {
        return script.isEmpty();
    }
}
