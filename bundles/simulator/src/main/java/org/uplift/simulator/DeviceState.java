package org.uplift.simulator;

import java.util.Arrays;

/** A simulated device's software and configuration; every access is synchronized. */
final class DeviceState {

    private final int index;
    private final String model;
    private String runningVersion;
    private String runningFormat;
    private String keptVersion = "";
    private String keptFormat = "";
    private byte[] config;
    private byte[] configDigest;
    private long startedNanos = System.nanoTime();
    /** Added to the time since start: a device up for about 497 days is close to sysUpTime's wrap. */
    private long upTimeOffset;
    /** snmpEngineBoots: 1 at the first start, one more at every restart (SNMP-FRAMEWORK-MIB). */
    private int engineBoots = 1;

    DeviceState(DeviceSettings settings) {
        this.index = settings.index();
        this.model = settings.model();
        this.runningVersion = settings.version();
        this.runningFormat = settings.configFormat();
        setConfig(RunningConfig.initial(settings.index(), settings.configFormat(), settings.configBytes()));
    }

    String model() {
        return model;
    }

    synchronized String runningVersion() {
        return runningVersion;
    }

    synchronized String keptVersion() {
        return keptVersion;
    }

    synchronized String configFormat() {
        return runningFormat;
    }

    synchronized byte[] config() {
        return config.clone();
    }

    synchronized byte[] configDigest() {
        return configDigest.clone();
    }

    synchronized void setConfig(byte[] newConfig) {
        config = newConfig.clone();
        configDigest = FirmwareImageFormat.sha256(config);
    }

    /** At boot: keeps the running version and runs the new one. */
    synchronized void install(String version, String format) {
        keptVersion = runningVersion;
        keptFormat = runningFormat;
        runningVersion = version;
        runningFormat = format;
        adoptFormat();
    }

    /** At boot: swaps running and kept versions; {@code false} if no version is kept. */
    synchronized boolean rollBack() {
        if (keptVersion.isEmpty()) {
            return false;
        }
        String version = runningVersion;
        String format = runningFormat;
        runningVersion = keptVersion;
        runningFormat = keptFormat;
        keptVersion = version;
        keptFormat = format;
        adoptFormat();
        return true;
    }

    /** Software that cannot read the configuration's format starts from its factory default, as real devices do. */
    private void adoptFormat() {
        if (!runningFormat.equals(RunningConfig.formatOf(config))) {
            setConfig(RunningConfig.initial(index, runningFormat));
        }
    }

    synchronized void restarted() {
        startedNanos = System.nanoTime();
        upTimeOffset = 0;
        // the MIB's maximum latches: an engine at it needs its keys reconfigured, not a wrap to 1
        if (engineBoots < Integer.MAX_VALUE) {
            engineBoots++;
        }
    }

    /** How often the device has started, as snmpEngineBoots counts (RFC 3414). */
    synchronized int engineBoots() {
        return engineBoots;
    }

    /** Hundredths of a second since start, not yet wrapped (the agent serves it modulo 2^32). */
    synchronized long upTimeHundredths() {
        return upTimeOffset + (System.nanoTime() - startedNanos) / 10_000_000L;
    }

    /** Makes sysUpTime wrap {@code seconds} from now, as on a device up for 497 days. */
    synchronized void wrapUpTimeIn(int seconds) {
        upTimeOffset = (1L << 32) - seconds * 100L - (System.nanoTime() - startedNanos) / 10_000_000L;
    }

    /** At boot: the new software runs, but the device kept no old version (it lied about keeping it). */
    synchronized void installKeepingNothing(String version, String format) {
        install(version, format);
        keptVersion = "";
        keptFormat = "";
    }

    @Override
    public synchronized String toString() {
        return model + " running " + runningVersion + " (format " + runningFormat + "), kept "
                + (keptVersion.isEmpty() ? "none" : keptVersion) + ", config " + Arrays.hashCode(configDigest);
    }
}
