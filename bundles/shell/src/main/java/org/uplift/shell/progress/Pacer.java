package org.uplift.shell.progress;

import java.time.Duration;
import java.time.Instant;

/** The followers' clock and pause between two looks, so tests can run them on virtual time. */
public interface Pacer {

    /** Real time: {@link Thread#sleep}, which Ctrl-C in the Karaf console interrupts. */
    Pacer REAL = new Pacer() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void pause(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };

    Instant now();

    void pause(Duration duration) throws InterruptedException;
}
