package org.uplift.workflow.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.RepositoryUsage;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.migration.ChainingMigrationService;
import org.uplift.migration.ChainingMigrationServiceAccess;
import org.uplift.repository.backup.FileBackupStore;
import org.uplift.repository.firmware.FileFirmwareCatalog;
import org.uplift.repository.testing.Configs;
import org.uplift.repository.tftp.TftpFileServer;
import org.uplift.simulator.Fault;
import org.uplift.simulator.FirmwareImageFormat;
import org.uplift.simulator.Fleet;
import org.uplift.simulator.FleetSettings;
import org.uplift.simulator.NotificationTarget;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.simulator.V3User;
import org.uplift.snmp.events.NotificationReceiver;
import org.uplift.snmp.iad.UpliftIadDriver;
import org.uplift.workflow.directory.InventoryDirectory;
import org.uplift.workflow.inventory.FileDeviceRegistry;
import org.uplift.workflow.store.JdbcJobStore;
import org.uplift.workflow.store.JobStore;

/**
 * The real pieces of Uplift wired as DS would wire them, in one JVM, with no Karaf: a simulated fleet
 * on loopback, the TFTP server, the UPLIFT-IAD-MIB driver, the IAD migrators and an H2 job store.
 */
final class EngineHarness implements AutoCloseable {

    final Path dir;
    final Fleet fleet;
    final TftpFileServer tftp;
    final FileFirmwareCatalog catalog;
    final FileBackupStore backups;
    final ChainingMigrationService migrations = ChainingMigrationServiceAccess.withIadMigratorsAndValidators();
    final UpliftIadDriver driver;
    final DataSource dataSource;
    final JobRepositoryUsage usage;
    final NotificationReceiver receiver;
    final FileDeviceRegistry inventory;
    private final Map<String, Object> workflow = new HashMap<>(Map.of("pollIntervalMillis", 100,
            "backupTimeoutSeconds", 10, "updateTimeoutSeconds", 10, "rebootTimeoutSeconds", 10,
            "restoreTimeoutSeconds", 10, "leaseSeconds", 3, "nodeId", "node-a", "rebootSettleMillis", 300));
    private final Map<DeviceDriver, Map<String, Object>> extraDrivers = new LinkedHashMap<>();
    UpgradeEngine engine;
    /** The directory of the engine started last (each engine gets its own, as each node has one). */
    InventoryDirectory directory;
    private final List<JdbcJobStore> stores = new CopyOnWriteArrayList<>();

    EngineHarness(Path dir, int devices, List<String> faults) throws Exception {
        this(dir, devices, faults, h2(dir));
    }

    /** The same pieces with the jobs in another database (PostgreSQL for the scale-out tests). */
    EngineHarness(Path dir, int devices, List<String> faults, DataSource jobs) throws Exception {
        this(dir, devices, faults, jobs, false);
    }

    /** With {@code notifications}, devices send completion traps to a real receiver the engine listens to. */
    EngineHarness(Path dir, int devices, List<String> faults, DataSource jobs, boolean notifications) throws Exception {
        this(dir, devices, faults, jobs, notifications, null, 0, Map.of());
    }

    /** Devices whose configurations are padded to {@code configBytes}, as real ones run to tens of kilobytes. */
    static EngineHarness withConfigBytes(Path dir, int devices, List<String> faults, int configBytes) throws Exception {
        return new EngineHarness(dir, devices, faults, h2(dir), false, null, configBytes, Map.of());
    }

    /**
     * A fleet whose devices speak the MIBs {@code personalities} (with a device's {@code driver} names in the
     * inventory), and whose MIBs that cannot name a server port use the harness's TFTP server's actual port.
     */
    static EngineHarness speaking(Path dir, int devices, Set<Personality> personalities, String driver)
            throws Exception {
        return new EngineHarness(dir, devices, List.of(), h2(dir), false, new Speaking(personalities, driver), 0,
                Map.of());
    }

    /** The UPLIFT-IAD-MIB fleet with the file server's settings ({@code org.uplift.tftp}) changed by {@code fileServer}. */
    static EngineHarness withFileServer(Path dir, int devices, Map<String, Object> fileServer) throws Exception {
        return new EngineHarness(dir, devices, List.of(), h2(dir), false, null, 0, fileServer);
    }

    /** What {@link #speaking} changes: {@code null} for the UPLIFT-IAD-MIB fleet with no driver named. */
    private record Speaking(Set<Personality> personalities, String driver) {
    }

    private EngineHarness(Path dir, int devices, List<String> faults, DataSource jobs, boolean notifications,
            Speaking speaking, int configBytes, Map<String, Object> fileServer) throws Exception {
        this.dir = dir;
        this.dataSource = jobs;
        receiver = notifications
                ? new NotificationReceiver(Configs.of(NotificationReceiver.Config.class, Map.of("port", 0))) : null;
        // the file server first: its port is the one the fleet's fixed-port MIBs use
        Map<String, Object> server = new HashMap<>(Map.of("port", 0, "ftpPort", 0, "httpPort", 0,
                "stagingDirectory", dir.resolve("staging").toString(), "timeoutMillis", 300));
        // every simulated device sends from 127.0.0.1: the per-address share (4) is meant for one real device,
        // and a fleet's transfers bunched by a loaded machine were refused as busy (FleetSoakTest: a healthy
        // device's update failed twice)
        server.put("maxTransfersPerDevice", Math.max(4, devices));
        server.putAll(fileServer);
        tftp = new TftpFileServer(Configs.of(TftpFileServer.Config.class, server));
        fleet = Fleet.start((speaking != null
                ? new FleetSettings(devices, 0, "IAD-1000", "1.0.0", 1, FleetSettings.parseFaults(faults), false,
                        speaking.personalities(), V3User.DEFAULT, receiver == null ? null
                                : new NotificationTarget("127.0.0.1", receiver.port(), false),
                        "1", tftpPort())
                : receiver == null
                        ? new FleetSettings(devices, 0, "IAD-1000", "1.0.0", 1, FleetSettings.parseFaults(faults))
                        : new FleetSettings(devices, 0, "IAD-1000", "1.0.0", 1, FleetSettings.parseFaults(faults),
                                false,
                                EnumSet.of(Personality.UPLIFT_IAD), V3User.DEFAULT,
                                new NotificationTarget("127.0.0.1", receiver.port(), false), "1", 69))
                .withConfigBytes(configBytes)
                .withFtpPort(port(TransferProtocol.FTP)).withHttpPort(port(TransferProtocol.HTTP)));
        catalog = new FileFirmwareCatalog(
                Configs.of(FileFirmwareCatalog.Config.class, Map.of("directory", dir.resolve("fw").toString())));

        backups = new FileBackupStore(
                Configs.of(FileBackupStore.Config.class, Map.of("directory", dir.resolve("backups").toString())));
        driver = new UpliftIadDriver(
                Configs.of(UpliftIadDriver.Config.class, Map.of("timeoutMillis", 300, "retries", 0)));
        usage = new JobRepositoryUsage(new JdbcJobStore(dataSource));
        call(catalog, "addUsage", RepositoryUsage.class, usage);
        call(backups, "addUsage", RepositoryUsage.class, usage);
        inventory = new FileDeviceRegistry(Configs.of(FileDeviceRegistry.Config.class,
                Map.of("file", dir.resolve("devices.properties").toString())));
        for (int i = 1; i <= devices; i++) {
            inventory.put(new Device("iad-" + i, "127.0.0.1", sim(i).port(), SnmpCredentials.v2c("private"),
                    speaking == null ? null : speaking.driver()));
        }
        if (receiver != null) {
            call(receiver, "setDirectory", DeviceDirectory.class, newDirectory()); // it accepts only the directory's devices
        }
    }

    static DataSource h2(Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("jobs") + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /**
     * Registers another driver with every engine started from now on, as DS binds a whiteboard driver;
     * the harness deactivates it on {@link #close} if it has a {@code deactivate} method.
     */
    EngineHarness withDriver(DeviceDriver extra, String name, String... sysObjectIdPrefixes) {
        Map<String, Object> properties = new HashMap<>(Map.of(DeviceDriver.NAME_PROPERTY, name));
        if (sysObjectIdPrefixes.length > 0) {
            properties.put(DeviceDriver.SYS_OBJECT_ID_PROPERTY, sysObjectIdPrefixes);
        }
        extraDrivers.put(extra, Map.copyOf(properties));
        return this;
    }

    /** The TFTP server's actual port (for drivers of MIBs that cannot name one: their {@code tftpPort}). */
    int tftpPort() throws Exception {
        return port(TransferProtocol.TFTP);
    }

    /** The file server's actual port for the protocol (for drivers of MIBs that cannot name one). */
    int port(TransferProtocol protocol) {
        try {
            return tftp.endpoint(protocol).port();
        } catch (RepositoryException e) {
            return protocol == TransferProtocol.FTP ? 21 : 80; // switched off: the well-known port, unused
        }
    }

    EngineHarness with(String key, Object value) {
        workflow.put(key, value);
        return this;
    }

    /** Starts (or, after {@link #stopEngine}, restarts) the engine as DS activates it. */
    UpgradeEngine startEngine() throws Exception {
        engine = newEngine(workflow);
        return engine;
    }

    UpgradeEngine newEngine(Map<String, Object> config) throws Exception {
        return newEngine(config, UnaryOperator.identity());
    }

    /** An engine whose job store (its own, on the harness's database) is wrapped by {@code store}. */
    UpgradeEngine newEngine(Map<String, Object> config, UnaryOperator<JobStore> store) throws Exception {
        Map<String, Object> c = new HashMap<>(workflow);
        c.putAll(config);
        c.putIfAbsent("workDirectory", dir.resolve("work").toString());
        directory = newDirectory();
        UpgradeEngine e = new UpgradeEngine(Configs.of(WorkflowConfig.class, c), catalog, backups, tftp, migrations,
                store.apply(opened(new JdbcJobStore(dataSource))), directory);
        if (receiver != null) {
            Field events = UpgradeEngine.class.getDeclaredField("deviceEvents");
            events.setAccessible(true);
            events.set(e, receiver);
        }
        e.activate();
        return e;
    }

    /** The harness's inventory and drivers (the IAD driver first, then {@link #withDriver} ones), as DS binds them. */
    InventoryDirectory newDirectory() {
        InventoryDirectory d = new InventoryDirectory();
        d.addDriver(driver, new HashMap<>(Map.of(DeviceDriver.NAME_PROPERTY, "uplift-iad",
                DeviceDriver.SYS_OBJECT_ID_PROPERTY, "1.3.6.1.4.1.32473.7")));
        extraDrivers.forEach((extra, properties) -> d.addDriver(extra, new HashMap<>(properties)));
        d.addInventory(inventory);
        return d;
    }

    void stopEngine() throws InterruptedException {
        engine.deactivate();
    }

    void addFirmware(String version, String configFormat) throws Exception {
        Path image = Files.write(dir.resolve("fw-" + version + ".bin"),
                FirmwareImageFormat.build("IAD-1000", version, configFormat, 4096));
        catalog.add(image, "IAD-1000", version, configFormat, "test image");
    }

    void addFirmware(String model, String version, String configFormat) throws Exception {
        Path image = Files.write(dir.resolve("fw-" + model + "-" + version + ".bin"),
                FirmwareImageFormat.build(model, version, configFormat, 4096));
        catalog.add(image, model, version, configFormat, "test image");
    }

    SimulatedDevice sim(int index) {
        return fleet.deviceByIndex(index).orElseThrow();
    }

    void inject(int index, String fault) {
        sim(index).inject(Fault.parse(fault));
    }

    /**
     * Clears the device's faults and waits until it answers: a device held down by no-return boots on the
     * simulator's own thread, and a command sent before that finds it silent (a loaded machine's race).
     */
    void repair(int index) throws InterruptedException {
        sim(index).clearFaults();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sim(index).status().rebooting()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("iad-" + index + " does not answer after its faults were cleared");
            }
            Thread.sleep(10);
        }
    }

    DeviceFacts facts(int index) throws Exception {
        return driver.facts(inventory.device("iad-" + index).orElseThrow());
    }

    /** Waits until the job is in one of {@code states}; fails with its history otherwise. */
    Job await(String jobId, Duration timeout, JobState... states) throws InterruptedException {
        return await(engine, jobId, timeout, states);
    }

    /** As {@link #await(String, Duration, JobState...)}, reading the job through {@code engine}. */
    static Job await(UpgradeEngine engine, String jobId, Duration timeout, JobState... states)
            throws InterruptedException {
        Set<JobState> wanted = Set.of(states);
        long deadline = System.nanoTime() + timeout.toNanos();
        Job job = engine.job(jobId).orElseThrow();
        while (System.nanoTime() < deadline) {
            job = engine.job(jobId).orElseThrow();
            if (wanted.contains(job.state())) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " is " + job.state() + ", not " + wanted + "; history:\n"
                + String.join("\n", job.history().stream().map(r -> r.state() + " " + r.message()).toList()));
    }

    static List<JobState> states(Job job) {
        return job.history().stream().map(r -> r.state()).toList();
    }

    /** DS calls the components' package-private bind methods; so does this test. */
    private static void call(Object component, String method, Class<?> type, Object argument) throws Exception {
        Method m = component.getClass().getDeclaredMethod(method, type);
        m.setAccessible(true);
        m.invoke(component, argument);
    }

    /** DS calls the components' package-private @Deactivate methods; so does this test. */
    /** A store the harness closes with itself: each keeps up to 8 connections open between operations. */
    private JdbcJobStore opened(JdbcJobStore store) {
        stores.add(store);
        return store;
    }

    static void deactivate(Object component) throws Exception {
        Method m = component.getClass().getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(component);
    }

    @Override
    public void close() throws Exception {
        if (engine != null) {
            engine.deactivate();
        }
        deactivate(driver);
        for (DeviceDriver extra : extraDrivers.keySet()) {
            try {
                deactivate(extra);
            } catch (NoSuchMethodException e) {
                // nothing to close
            }
        }
        if (receiver != null) {
            deactivate(receiver);
        }
        deactivate(tftp);
        for (JdbcJobStore store : stores) {
            deactivate(store);
        }
        fleet.close();
    }
}
