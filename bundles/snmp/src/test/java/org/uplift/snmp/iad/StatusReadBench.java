package org.uplift.snmp.iad;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.snmp4j.smi.OID;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.snmp.session.SnmpSession;

/**
 * Benchmark, not a test (run by bench/snmp-bench.sh): operation-status reads per second from one
 * process against a simulated fleet on consecutive ports, with {@code WINDOW} asynchronous requests
 * in flight on the one shared socket. Each device first gets an operation row (a roll-back with
 * nothing kept, which fails at once and stays), and each read GETs that row's state, fail cause,
 * fail message and bytes, as {@link UpliftIadDriver#status} does.
 * <p>
 * Usage: {@code StatusReadBench HOST BASE_PORT DEVICES SECONDS [WINDOW]}; prints one line of figures.
 */
public final class StatusReadBench {

    private StatusReadBench() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int basePort = Integer.parseInt(args[1]);
        int devices = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int window = args.length > 4 ? Integer.parseInt(args[4]) : 256;

        List<Device> fleet = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            fleet.add(new Device("bench-" + i, host, basePort + i, SnmpCredentials.v2c("private"), null));
        }
        List<OID[]> rows = createRows(fleet);
        try (SnmpSession session = new SnmpSession(2000, 1)) {
            run(session, fleet, rows, window, 2); // warm-up: JIT, ARP-free loopback paths, agent threads
            long cpuBefore = cpuNanos();
            long start = System.nanoTime();
            Result result = run(session, fleet, rows, window, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuBefore) / 1e9;
            System.gc();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.out.printf("devices=%d window=%d seconds=%.1f reads=%d reads_per_s=%.0f errors=%d "
                    + "reader_cpu_s=%.1f reader_heap_used_after_gc_mib=%.1f reader_heap_committed_mib=%.1f%n",
                    devices, window, elapsed, result.reads, result.reads / elapsed, result.errors, cpu,
                    memory.getHeapMemoryUsage().getUsed() / 1048576.0,
                    memory.getHeapMemoryUsage().getCommitted() / 1048576.0);
        }
    }

    private record Result(long reads, long errors) {
    }

    private static Result run(SnmpSession session, List<Device> fleet, List<OID[]> rows, int window, int seconds)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        AtomicLong reads = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int next = 0; System.nanoTime() < end; next = (next + 1) % fleet.size()) {
            inFlight.acquire();
            session.getAsync(fleet.get(next), rows.get(next)).whenComplete((answer, failure) -> {
                (failure == null ? reads : errors).incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(window); // let the last ones land
        return new Result(reads.get(), errors.get());
    }

    private static List<OID[]> createRows(List<Device> fleet) throws Exception {
        UpliftIadDriver driver = new UpliftIadDriver(UpliftIadDriverTest.config(2000, 1));
        try {
            OperationRequest rollback = new OperationRequest(OperationType.ROLLBACK_FIRMWARE, TransferProtocol.TFTP,
                    null, 0, null, null, null);
            List<OID[]> rows = new ArrayList<>();
            for (Device device : fleet) {
                OperationHandle handle = driver.start(device, rollback);
                int index = handle.index();
                rows.add(new OID[]{UpliftIadMib.opColumn(UpliftIadMib.OP_STATE, index),
                        UpliftIadMib.opColumn(UpliftIadMib.OP_FAIL_CAUSE, index),
                        UpliftIadMib.opColumn(UpliftIadMib.OP_FAIL_MESSAGE, index),
                        UpliftIadMib.opColumn(UpliftIadMib.OP_BYTES, index)});
            }
            return rows;
        } finally {
            driver.deactivate();
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
