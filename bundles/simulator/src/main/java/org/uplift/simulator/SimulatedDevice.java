package org.uplift.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.uplift.simulator.agent.DeviceView;
import org.uplift.simulator.agent.SnmpAgent;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.Tftp;

/** One simulated IAD: its state, its SNMP agent on 127.0.0.1 and a worker thread for its operations. */
public final class SimulatedDevice implements AutoCloseable {

    private static final long REBOOT_DELAY_MILLIS = 300;

    private final DeviceSettings settings;
    private final DeviceState state;
    private final ScheduledExecutorService worker;
    private final Operations operations;
    private final SnmpAgent agent;

    /** Starts the device; its agent answers once this returns. */
    public SimulatedDevice(DeviceSettings settings) throws IOException {
        this.settings = settings;
        this.state = new DeviceState(settings);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "uplift-sim-device-" + settings.index());
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = executor;
        this.operations = new Operations(state, settings.faults(), new Tftp(Duration.ofSeconds(1), 3), this::scheduleReboot);
        try {
            this.agent = new SnmpAgent(settings.port(), new View(), this::submit);
        } catch (IOException e) {
            worker.shutdownNow();
            throw new IOException("device " + settings.index() + ": cannot bind SNMP port 127.0.0.1:"
                    + settings.port() + ": " + e.getMessage(), e);
        }
    }

    public int index() {
        return settings.index();
    }

    public int port() {
        return agent.port();
    }

    public DeviceStatus status() {
        return new DeviceStatus(settings.index(), agent.port(), state.model(), state.runningVersion(),
                state.keptVersion(), state.configFormat(), HexFormat.of().formatHex(state.configDigest()),
                agent.silent());
    }

    /** The running configuration's bytes. */
    public byte[] runningConfig() {
        return state.config();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            agent.close();
        } catch (IOException e) {
            // the socket is gone either way
        }
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(OpRequest request, OpReport report) {
        try {
            worker.execute(() -> operations.run(request, report));
        } catch (RejectedExecutionException e) {
            report.failed(org.uplift.simulator.ops.FailCause.UNKNOWN, "device is shutting down");
        }
    }

    private void scheduleReboot() {
        worker.schedule(this::reboot, REBOOT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void reboot() {
        agent.silent(true);
        agent.forgetOperations();
        worker.schedule(() -> {
            state.restarted();
            agent.silent(false);
        }, settings.rebootMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "device " + settings.index() + " on 127.0.0.1:" + port() + ": " + state;
    }

    private final class View implements DeviceView {
        @Override
        public String sysDescr() {
            return "Uplift simulated " + state.model() + " software " + state.runningVersion();
        }

        @Override
        public String sysName() {
            return String.format("uplift-sim-%04d", settings.index());
        }

        @Override
        public long upTimeHundredths() {
            return state.upTimeHundredths();
        }

        @Override
        public String model() {
            return state.model();
        }

        @Override
        public String runningVersion() {
            return state.runningVersion();
        }

        @Override
        public String keptVersion() {
            return state.keptVersion();
        }

        @Override
        public String configFormat() {
            return state.configFormat();
        }

        @Override
        public byte[] configDigest() {
            return state.configDigest();
        }
    }
}
