package org.uplift.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.uplift.simulator.ops.FailCause;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.OpType;
import org.uplift.simulator.ops.TransferFailure;
import org.uplift.simulator.ops.Transfers;

/** Carries out the operations of one device (in the device's worker thread, never the SNMP thread). */
final class Operations {

    private static final long MAX_CONFIG_BYTES = RunningConfig.MAX_BYTES;
    private static final long MAX_IMAGE_BYTES = 64L << 20;
    private static final String INJECTED = " (injected fault)";
    /** What boot-adds-line adds; the tab is device text a manager must escape before showing it. */
    static final String ADDED_LINE_PREFIX = "banner.boot=welcome\tto ";

    private final DeviceState state;
    private final DeviceFaults faults;
    private final Transfers transfers;
    private final DeviceControl control;
    private final StepTimes times;

    Operations(DeviceState state, DeviceFaults faults, Transfers transfers, DeviceControl control, StepTimes times) {
        this.state = state;
        this.faults = faults;
        this.transfers = transfers;
        this.control = control;
        this.times = times;
    }

    void run(OpRequest request, OpReport report) {
        long start = System.currentTimeMillis();
        try {
            perform(request, report);
        } finally {
            times.add(StepTimes.kindOf(request.type()), start, System.currentTimeMillis());
        }
    }

    private void perform(OpRequest request, OpReport report) {
        if (silencedBy(request.type())) {
            control.goSilent();
            report.running();
            return;
        }
        report.running();
        try {
            switch (request.type()) {
                case BACKUP_CONFIG -> backup(request, report);
                case RESTORE_CONFIG -> restore(request, report);
                case DOWNLOAD_FIRMWARE -> downloadFirmware(request, report);
                case ROLLBACK_FIRMWARE -> rollBack(report);
                default -> report.failed(FailCause.UNKNOWN, "unknown operation " + request.type());
            }
        } catch (TransferFailure failure) {
            report.bytes(failure.bytes());
            report.failed(failure.failCause(), failure.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // a broken class path must end the operation visibly, not leave it "running" for ever
            report.failed(FailCause.UNKNOWN, "internal error: " + e);
        }
    }

    private boolean silencedBy(OpType type) {
        return faults.get(FaultKind.SILENT_DURING).map(f -> f.operation() == type).orElse(false);
    }

    private void backup(OpRequest request, OpReport report) throws TransferFailure {
        if (faults.has(FaultKind.BACKUP_HANG)) {
            return; // stays running: only the manager's time-out ends it
        }
        if (faults.has(FaultKind.BACKUP_FAIL)) {
            report.failed(FailCause.UNKNOWN, "configuration backup failed" + INJECTED);
            return;
        }
        checkServer(request);
        if (faults.has(FaultKind.BACKUP_NO_UPLOAD)) {
            report.successful(); // lies: nothing was sent
            return;
        }
        byte[] config = state.config();
        if (faults.has(FaultKind.BACKUP_TRUNCATED)) {
            config = Arrays.copyOf(config, config.length / 2);
        } else if (faults.has(FaultKind.BACKUP_STALE)) {
            config = RunningConfig.withComment(config, "stale copy the device still had");
        }
        long sent = transfers.upload(request, config);
        report.bytes(sent);
        report.successful();
    }

    private void restore(OpRequest request, OpReport report) throws TransferFailure {
        if (faults.has(FaultKind.RESTORE_HANG)) {
            return; // stays running: only the manager's time-out ends it
        }
        checkServer(request);
        byte[] config = transfers.download(request, MAX_CONFIG_BYTES);
        report.bytes(config.length);
        String format = RunningConfig.formatOf(config);
        String running = state.configFormat();
        if (faults.has(FaultKind.REJECT_CONFIG)) {
            report.failed(FailCause.FORMAT_REJECTED, "the running software rejects this configuration" + INJECTED);
        } else if (format == null) {
            report.failed(FailCause.FORMAT_REJECTED, "configuration has no format= line");
        } else if (!format.equals(running)) {
            report.failed(FailCause.FORMAT_REJECTED,
                    "configuration is in format " + format + "; the running software reads format " + running);
        } else if (faults.takeRestoreFailure()) {
            report.failed(FailCause.UNKNOWN, "configuration could not be applied" + INJECTED + "; "
                    + faults.restoreFailuresLeft() + " more restore(s) will fail");
        } else {
            byte[] applied = request.merges() ? RunningConfig.merge(state.config(), config) : config;
            if (faults.has(FaultKind.RESTORE_OTHER)) {
                applied = RunningConfig.withComment(applied, "a line the device added on its own"); // lies
            }
            state.setConfig(applied);
            report.successful();
        }
    }

    private void downloadFirmware(OpRequest request, OpReport report) throws TransferFailure {
        if (faults.has(FaultKind.DOWNLOAD_HANG)) {
            return; // stays running: only the manager's time-out ends it
        }
        var injected = faults.get(FaultKind.DOWNLOAD_FAIL);
        if (injected.isPresent()) {
            report.failed(injected.get().failCause(), "firmware download aborted" + INJECTED);
            return;
        }
        checkServer(request);
        byte[] bytes = transfers.download(request, MAX_IMAGE_BYTES);
        report.bytes(bytes.length);
        if (faults.has(FaultKind.CORRUPT_IMAGE) && bytes.length > 0) {
            bytes[bytes.length - 1] ^= 0x5a; // as if a bit flipped in transit or in flash
        }
        FirmwareImageFormat.Image image;
        try {
            image = FirmwareImageFormat.parse(bytes);
        } catch (IllegalArgumentException e) {
            report.failed(FailCause.CORRUPT_IMAGE, e.getMessage());
            return;
        }
        if (!image.model().equals(state.model())) {
            report.failed(FailCause.WRONG_MODEL, "image is for model " + image.model() + ", this device is a "
                    + state.model());
        } else if (!image.payloadIntact()) {
            report.failed(FailCause.CORRUPT_IMAGE, "image payload does not match its SHA-256");
        } else if (faults.has(FaultKind.LOAD_FAIL)) {
            report.failed(FailCause.LOAD_FAILED, "image " + image.version() + " failed to load" + INJECTED);
        } else {
            // the image is checked and written: that is success; the new version runs once the device is back
            report.successful();
            Runnable atBoot = () -> boot(image);
            var flash = faults.get(FaultKind.FLASH_SILENCE);
            if (flash.isPresent()) {
                control.pause(flash.get().count() * 1000L, () -> control.reboot(atBoot));
            } else {
                control.reboot(atBoot);
            }
        }
    }

    private void boot(FirmwareImageFormat.Image image) {
        if (faults.has(FaultKind.STAYS_OLD)) {
            return; // the new image did not take: the old software runs again
        }
        if (faults.has(FaultKind.KEEP_NONE)) {
            state.installKeepingNothing(image.version(), image.configFormat());
        } else {
            state.install(image.version(), image.configFormat());
        }
        if (faults.has(FaultKind.BOOT_ADDS_LINE)) {
            // the new software writes a setting of its own, as a release that adds a default does
            state.setConfig(RunningConfig.withLine(state.config(), ADDED_LINE_PREFIX + image.version()));
        }
        if (faults.has(FaultKind.DOUBLE_REBOOT)) {
            control.rebootLater(1000);
        }
    }

    /**
     * In the SNMP thread, before the operation is queued: how long the device takes to create its
     * operation (slow-row); meanwhile the row hides its state.
     */
    long rowDelayMillis(OpReport report) {
        var slow = faults.get(FaultKind.SLOW_ROW);
        if (slow.isEmpty()) {
            return 0;
        }
        report.pending();
        return slow.get().count();
    }

    private void rollBack(OpReport report) {
        if (state.keptVersion().isEmpty()) {
            report.failed(FailCause.LOAD_FAILED, "no kept version");
            return;
        }
        report.successful();
        control.reboot(state::rollBack);
    }

    private static void checkServer(OpRequest request) throws TransferFailure {
        if (request.server() == null) {
            throw new TransferFailure(FailCause.TRANSFER_FAILED, "no usable IPv4 or IPv6 server address", 0);
        }
        if (request.fileName().isEmpty()
                || request.fileName().getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new TransferFailure(FailCause.BAD_FILE_NAME, "no file name given", 0);
        }
    }
}
