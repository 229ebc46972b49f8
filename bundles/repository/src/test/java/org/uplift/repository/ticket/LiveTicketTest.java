package org.uplift.repository.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.uplift.api.repository.TransferDirection;
import org.uplift.api.repository.TransferTicket;

/** Two uploads racing for one ticket (over TFTP, FTP or HTTP): exactly one begins. */
class LiveTicketTest {

    @Test
    void givenManyUploadsStartingAtOnce_whenEachTriesToBegin_thenExactlyOneDoes() throws Exception {
        for (int round = 0; round < 200; round++) {
            LiveTicket ticket = LiveTicket.forWrite(new TransferTicket("t", "up-x.cfg", TransferDirection.DEVICE_WRITES,
                    InetAddress.getLoopbackAddress(), Instant.now().plusSeconds(60), 100), Path.of("up-x.cfg"), null);
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger begun = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (ticket.beginAlone()) {
                        begun.incrementAndGet();
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(1, begun.get(), "round " + round);
            ticket.end();
            assertFalse(ticket.busy());
        }
    }
}
