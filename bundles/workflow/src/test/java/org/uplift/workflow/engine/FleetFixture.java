package org.uplift.workflow.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.uplift.api.device.DeviceInventory;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.workflow.OperatorDecisions;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.simulator.SimulatedDevice;

/**
 * {@link EngineHarness} for tests in other packages (campaigns): the same simulated fleet, TFTP
 * server, driver, H2 store and upgrade engine, through public methods only.
 */
public final class FleetFixture implements AutoCloseable {

    private final EngineHarness harness;

    /** A fleet of {@code devices} IAD-1000 on 1.0.0 with {@code faults} ("1=download-fail"), image 2.0.0 (format 1) added, engine started. */
    public FleetFixture(Path dir, int devices, List<String> faults) throws Exception {
        this(dir, devices, faults, 0, Map.of());
    }

    /**
     * As above, with every configuration padded to {@code configBytes} and the engine's settings
     * ({@code WorkflowConfig} attributes such as {@code backupTimeoutSeconds}) changed by {@code workflow}.
     */
    public FleetFixture(Path dir, int devices, List<String> faults, int configBytes, Map<String, Object> workflow)
            throws Exception {
        this(EngineHarness.withConfigBytes(dir, devices, faults, configBytes), workflow);
    }

    private FleetFixture(EngineHarness harness, Map<String, Object> workflow) throws Exception {
        this.harness = harness;
        workflow.forEach(harness::with);
        harness.addFirmware("2.0.0", "1");
        harness.startEngine();
    }

    /**
     * A healthy fleet whose directory holds, after the UPLIFT-IAD-MIB driver ({@code uplift-iad}, sysObjectID
     * prefix 1.3.6.1.4.1.32473.7), {@code extra} named {@code name} for {@code sysObjectIdPrefixes}.
     */
    public static FleetFixture withDriver(Path dir, int devices, DeviceDriver extra, String name,
            String... sysObjectIdPrefixes) throws Exception {
        EngineHarness harness = new EngineHarness(dir, devices, List.of());
        harness.withDriver(extra, name, sysObjectIdPrefixes);
        return new FleetFixture(harness, Map.of());
    }

    /** Adds a firmware image for {@code model} to the catalogue. */
    public void addFirmware(String model, String version, String configFormat) throws Exception {
        harness.addFirmware(model, version, configFormat);
    }

    /** Registers an OperatorDecisions service with the engine, as DS binds one. */
    public void addOperator(OperatorDecisions operator) {
        harness.engine.addDecisions(operator);
    }

    public BackupStore backups() {
        return harness.backups;
    }

    public UpgradeService upgrades() {
        return harness.engine;
    }

    public DataSource dataSource() {
        return harness.dataSource;
    }

    public DeviceInventory inventory() {
        return harness.inventory;
    }

    public DeviceDriver driver() {
        return harness.driver;
    }

    /** The directory the running upgrade engine looks devices and drivers up in (a campaign engine shares it). */
    public DeviceDirectory directory() {
        return harness.directory;
    }

    public SimulatedDevice sim(int index) {
        return harness.sim(index);
    }

    public void inject(int index, String fault) {
        harness.inject(index, fault);
    }

    public String runningVersion(int index) throws Exception {
        return harness.facts(index).runningVersion();
    }

    /** Stops the upgrade engine and starts a new one on the same store, as a restart of the bundle does. */
    public UpgradeService restartEngine() throws Exception {
        harness.stopEngine();
        return harness.startEngine();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
