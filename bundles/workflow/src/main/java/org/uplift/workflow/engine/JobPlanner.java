package org.uplift.workflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationType;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.migration.MigrationService;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;

/**
 * Plans a job before the device is touched, from what its drivers can command and read back: which
 * steps run, through which driver and protocol, verified by which evidence; which are left out and
 * why. A job the device cannot go through safely is refused with one line naming the driver and what
 * it lacks ({@link Reason#REFUSED_BY_PREFLIGHT}).
 */
final class JobPlanner {

    /** The plan and what the job must remember of it. */
    record Planned(JobPlan plan, Optional<FirmwareImage> oldImage) {
    }

    private final FirmwareCatalog catalog;
    private final FileServer fileServer;
    private final MigrationService migrations;
    private final Function<DeviceDriver, String> names;

    JobPlanner(FirmwareCatalog catalog, FileServer fileServer, MigrationService migrations,
            Function<DeviceDriver, String> names) {
        this.catalog = catalog;
        this.fileServer = fileServer;
        this.migrations = migrations;
        this.names = names;
    }

    Planned plan(Device device, DeviceReader reader, Map<OperationType, DeviceDriver> commanders, DeviceFacts facts,
            FirmwareImage image) throws UpgradeException {
        String who = "device " + device.id() + " not touched: ";
        String protocol = device.transfer().name().toLowerCase(Locale.ROOT);
        try {
            fileServer.endpoint(device.transfer());
        } catch (RepositoryException e) {
            throw refused(who + "it transfers over " + protocol + ", and " + e.getMessage());
        }
        DeviceDriver download = commanders.get(OperationType.DOWNLOAD_FIRMWARE);
        if (download == null) {
            throw refused(who + "none of its drivers (" + names(reader) + ") can download "
                    + "software; name one that can with uplift:device-add --driver");
        }
        if (!reader.gives(Evidence.RUNNING_VERSION)) {
            throw refused(who + "none of its drivers (" + names(reader) + ") reads its running "
                    + "software version, so the update could not be verified");
        }
        DeviceDriver backup = commanders.get(OperationType.BACKUP_CONFIG);
        DeviceDriver restore = commanders.get(OperationType.RESTORE_CONFIG);
        if ((backup == null) != (restore == null)) {
            DeviceDriver has = backup == null ? restore : backup;
            throw refused(who + "driver " + name(has) + " can " + (backup == null ? "restore" : "back up")
                    + " its configuration but no driver can " + (backup == null ? "back it up" : "restore it")
                    + "; name one that can with uplift:device-add --driver");
        }
        boolean config = backup != null;
        boolean digest = reader.gives(Evidence.CONFIG_DIGEST);
        boolean kept = reader.gives(Evidence.KEPT_VERSION);
        List<JobPlan.Step> steps = new ArrayList<>();
        if (config) {
            steps.add(run("BACKUP", name(backup) + " over " + protocol));
            steps.add(run("VERIFY_BACKUP", (digest ? "the file equals the device's configuration digest"
                    : "the file arrives whole (the device offers no configuration digest)")
                    + ", then parses, migrates and validates in the target format"));
        } else {
            String why = "the configuration comes from the device's provisioning (" + names(reader)
                    + " cannot back it up or restore it): a firmware-only plan";
            steps.add(skip("BACKUP", why));
        }
        steps.add(run("UPDATE", name(download) + " downloads " + image.id() + " over " + protocol));
        steps.add(run("VERIFY_UPDATE", "a restart seen in sysUpTime, then the running version"
                + (kept ? " and the kept version" : "") + " (" + name(reader, Evidence.RUNNING_VERSION) + ")"));
        if (config) {
            steps.add(run("MIGRATE_CONFIG", migration(device, reader, facts, image)));
            steps.add(run("RESTORE", name(restore) + " over " + protocol));
            steps.add(run("VERIFY_RESTORE", digest ? "the device's configuration digest equals the served file's"
                    : "a fresh backup equals the served file, volatile lines ignored"));
        } else {
            steps.add(skip("RESTORE", "nothing to restore: the device fetches its configuration from provisioning"));
        }
        DeviceDriver rollback = commanders.get(OperationType.ROLLBACK_FIRMWARE);
        Optional<FirmwareImage> oldImage = Optional.empty();
        if (rollback != null && kept) {
            steps.add(
                    run("ROLLBACK", "only if needed: " + name(rollback) + " returns to the version the device keeps"));
        } else {
            FirmwareImage old = catalog.find(image.model(), facts.runningVersion()).orElseThrow(() -> refused(who
                    + "it runs " + image.model() + " " + facts.runningVersion() + ", which is not "
                    + "in the firmware catalogue, and " + name(download) + " cannot keep an old version to roll "
                    + "back to: add that image with uplift:firmware-add first"));
            oldImage = Optional.of(old);
            steps.add(run("ROLLBACK", "only if needed: " + name(download) + " downloads " + old.id()
                    + " again (kept in the catalogue while the job lives)"));
        }
        return new Planned(new JobPlan(steps), oldImage);
    }

    private String migration(Device device, DeviceReader reader, DeviceFacts facts, FirmwareImage image)
            throws UpgradeException {
        if (image.configFormat().isEmpty() || !reader.gives(Evidence.CONFIG_FORMAT)) {
            return "served unchanged (" + (image.configFormat().isEmpty() ? "the image declares no configuration format"
                    : "no driver reads the device's configuration format") + ")";
        }
        if (image.configFormat().equals(facts.formatVersion())) {
            return "served unchanged (format " + facts.formatVersion() + ")";
        }
        try {
            List<String> chain = migrations.chain(facts.model(), facts.formatVersion(), image.configFormat());
            return "format " + String.join(" -> ", chain);
        } catch (MigrationException e) {
            throw refused("device " + device.id() + " not touched: " + image.id()
                    + " reads configuration format " + image.configFormat() + ", the device's is in format "
                    + facts.formatVersion() + ", and " + e.getMessage());
        }
    }

    private static UpgradeException refused(String message) {
        return new UpgradeException(Reason.REFUSED_BY_PREFLIGHT, message);
    }

    private String name(DeviceDriver driver) {
        return names.apply(driver);
    }

    private String name(DeviceReader reader, Evidence e) {
        return reader.sourceOf(e).map(this::name).orElse("?");
    }

    private String names(DeviceReader reader) {
        return String.join(", ", reader.drivers().stream().map(this::name).distinct().toList());
    }

    private static JobPlan.Step run(String name, String how) {
        return new JobPlan.Step(name, true, how);
    }

    private static JobPlan.Step skip(String name, String why) {
        return new JobPlan.Step(name, false, why);
    }
}
