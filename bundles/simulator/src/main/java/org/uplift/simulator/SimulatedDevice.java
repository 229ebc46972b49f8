package org.uplift.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.uplift.simulator.agent.DeviceView;
import org.uplift.simulator.agent.SnmpAgent;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.OpType;
import org.uplift.simulator.ops.Transfers;

/**
 * One simulated IAD: its state, its SNMP agent on its loopback address, a worker thread for its
 * operations, and the faults it shows (changeable at run time).
 */
public final class SimulatedDevice implements AutoCloseable {

    private static final long REBOOT_DELAY_MILLIS = 300;
    private static final long WORKER_IDLE_SECONDS = 5;

    private final DeviceSettings settings;
    private final DeviceState state;
    private final DeviceFaults faults;
    private final ScheduledExecutorService worker;
    private final Operations operations;
    private final SnmpAgent agent;
    private final StepTimes times = new StepTimes();
    // why the agent is silent: a reboot in progress, a fault, or a boot the no-return fault holds back
    private boolean rebooting;
    private boolean faultSilent;
    private boolean busySilent;
    private Runnable heldBoot;

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
        // an idle device holds no thread (a fleet of 10,000 would hold 10,000); a thread with work queued stays
        executor.setKeepAliveTime(WORKER_IDLE_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        this.worker = executor;
        this.faults = new DeviceFaults(settings.faults());
        Transfers transfers = new Transfers(InetAddress.getByName(settings.host()), Duration.ofSeconds(1), 3);
        Control control = new Control();
        this.operations = new Operations(state, faults, transfers, control, times);
        try {
            this.agent = new SnmpAgent(settings, new View(), this::submit, () -> control.reboot(() -> {
            }));
        } catch (IOException e) {
            worker.shutdownNow();
            throw new IOException("device " + settings.index() + ": cannot bind SNMP port " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        if (faults.has(FaultKind.SILENT)) {
            inject(Fault.of(FaultKind.SILENT));
        }
        faults.get(FaultKind.UPTIME_WRAP).ifPresent(f -> state.wrapUpTimeIn(f.count()));
    }

    /** The device's loopback address. */
    public String host() {
        return settings.host();
    }

    /** Makes the device show a fault from now on (replacing one of the same kind). */
    public synchronized void inject(Fault fault) {
        faults.set(fault);
        if (fault.kind() == FaultKind.SILENT) {
            faultSilent = true;
            updateSilence();
        }
    }

    /** Removes every fault: a silenced device answers again, a device held down by no-return boots. */
    public synchronized void clearFaults() {
        faults.clear();
        faultSilent = false;
        updateSilence();
        if (heldBoot != null) {
            Runnable boot = heldBoot;
            heldBoot = null;
            worker.execute(boot);
        }
    }

    /** Reboots the device now, as a power cycle or an operator's reload does: silent for its reboot time. */
    public void reboot() {
        long requested = System.currentTimeMillis();
        worker.execute(() -> reboot(() -> {
        }, requested));
    }

    /** The agent's SNMP engine ID now, in hex (it changes at a reboot with the engine-id-change fault). */
    public String engineId() {
        return agent.engineId().toHexString();
    }

    /** The faults the device shows now. */
    public List<Fault> faults() {
        return faults.list();
    }

    public int index() {
        return settings.index();
    }

    public int port() {
        return agent.port();
    }

    public DeviceStatus status() {
        return new DeviceStatus(settings.index(), settings.host(), agent.port(), state.model(), state.runningVersion(),
                state.keptVersion(), state.configFormat(), HexFormat.of().formatHex(state.configDigest()),
                agent.silent(), faults.list().stream().map(Fault::id).sorted().toList());
    }

    /** The operations managers started, per MIB they were started through, in order (for tests). */
    public Map<Personality, List<OpType>> operationsStarted() {
        return agent.operationsStarted();
    }

    /** The steps of its own the device took lately (operations, reboots), oldest first. */
    public List<StepTimes.Step> steps() {
        return times.list();
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
            worker.schedule(() -> operations.run(request, report), operations.rowDelayMillis(report),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            report.failed(org.uplift.simulator.ops.FailCause.UNKNOWN, "device is shutting down");
        }
    }

    private synchronized void updateSilence() {
        agent.silent(rebooting || faultSilent || busySilent || heldBoot != null);
    }

    /** {@code requested}: when the reboot was asked for (epoch ms); the device's reboot step lasts from then until it answers. */
    private void reboot(Runnable atBoot, long requested) {
        synchronized (this) {
            rebooting = true;
            updateSilence();
        }
        agent.forgetOperations();
        worker.schedule(() -> boot(atBoot, requested), settings.rebootMillis(), TimeUnit.MILLISECONDS);
    }

    private void boot(Runnable atBoot, long requested) {
        synchronized (this) {
            rebooting = false;
            if (faults.has(FaultKind.NO_RETURN)) {
                heldBoot = () -> boot(atBoot, requested);
                updateSilence();
                return;
            }
        }
        atBoot.run();
        state.restarted();
        // the agent's USM and snmpEngine group count the boot before anyone is answered
        agent.booted(state.engineBoots(), faults.takeEngineIdChange());
        updateSilence();
        times.add("reboot", requested, System.currentTimeMillis());
        // answering again: say so, as agents do (a manager may read the device at once instead of at its next poll)
        agent.sendColdStart();
    }

    /** What operations may do to this device. */
    private final class Control implements DeviceControl {
        @Override
        public void reboot(Runnable atBoot) {
            long requested = System.currentTimeMillis();
            worker.schedule(() -> SimulatedDevice.this.reboot(atBoot, requested), REBOOT_DELAY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void goSilent() {
            synchronized (SimulatedDevice.this) {
                faultSilent = true;
                updateSilence();
            }
        }

        @Override
        public void pause(long millis, Runnable then) {
            synchronized (SimulatedDevice.this) {
                busySilent = true;
                updateSilence();
            }
            worker.schedule(() -> {
                synchronized (SimulatedDevice.this) {
                    busySilent = false;
                    updateSilence();
                }
                then.run();
            }, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void rebootLater(long millis) {
            worker.schedule(() -> SimulatedDevice.this.reboot(() -> {
            }, System.currentTimeMillis()), millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public String toString() {
        return "device " + settings.index() + " on " + settings.host() + ":" + port() + ": " + state;
    }

    private final class View implements DeviceView {
        @Override
        public String sysDescr() {
            if (settings.personalities().equals(Set.of(Personality.DOCSIS))) {
                // the sysDescr format DOCSIS requires of cable modems, which managers parse
                return "Uplift simulated cable modem <<HW_REV: 1.0; VENDOR: Uplift; BOOTR: 1.0; SW_REV: "
                        + state.runningVersion() + "; MODEL: " + state.model() + ">>";
            }
            if (settings.personalities().contains(Personality.CISCO_CONFIG_COPY)
                    && !settings.personalities().contains(Personality.UPLIFT_IAD)) {
                // IOS's several lines, which managers parse for the version
                return "Cisco IOS Software, " + state.model() + " Software (simulated by Uplift), Version "
                        + state.runningVersion() + ", RELEASE SOFTWARE (fc1)\r\n"
                        + "Technical Support: http://www.cisco.com/techsupport\r\n"
                        + "Copyright (c) 1986-2024 by Cisco Systems, Inc.\r\n"
                        + "Compiled Mon 01-Jan-24 00:00 by uplift";
            }
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
