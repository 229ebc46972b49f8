package org.uplift.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.uplift.simulator.ops.FailCause;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.Tftp;
import org.uplift.simulator.ops.TransferFailure;

/** Carries out the operations of one device (in the device's worker thread, never the SNMP thread). */
final class Operations {

    private static final long MAX_CONFIG_BYTES = 1L << 20;
    private static final long MAX_IMAGE_BYTES = 64L << 20;

    private final DeviceState state;
    private final Set<Fault> faults;
    private final Tftp tftp;
    private final Runnable reboot;

    Operations(DeviceState state, Set<Fault> faults, Tftp tftp, Runnable reboot) {
        this.state = state;
        this.faults = faults;
        this.tftp = tftp;
        this.reboot = reboot;
    }

    void run(OpRequest request, OpReport report) {
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
        } catch (RuntimeException e) {
            report.failed(FailCause.UNKNOWN, "internal error: " + e);
        }
    }

    private void backup(OpRequest request, OpReport report) throws TransferFailure {
        checkServer(request);
        long sent = tftp.upload(request.server(), request.port(), request.fileName(), state.config());
        report.bytes(sent);
        report.successful();
    }

    private void restore(OpRequest request, OpReport report) throws TransferFailure {
        checkServer(request);
        byte[] config = tftp.download(request.server(), request.port(), request.fileName(), MAX_CONFIG_BYTES);
        report.bytes(config.length);
        String format = RunningConfig.formatOf(config);
        String running = state.configFormat();
        if (format == null) {
            report.failed(FailCause.FORMAT_REJECTED, "configuration has no format= line");
        } else if (!format.equals(running)) {
            report.failed(FailCause.FORMAT_REJECTED,
                    "configuration is in format " + format + "; the running software reads format " + running);
        } else {
            state.setConfig(config);
            report.successful();
        }
    }

    private void downloadFirmware(OpRequest request, OpReport report) throws TransferFailure {
        if (faults.contains(Fault.DOWNLOAD_FAIL)) {
            report.failed(FailCause.TRANSFER_FAILED, "firmware download aborted (injected fault)");
            return;
        }
        checkServer(request);
        byte[] bytes = tftp.download(request.server(), request.port(), request.fileName(), MAX_IMAGE_BYTES);
        report.bytes(bytes.length);
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
        } else {
            state.install(image.version(), image.configFormat());
            report.successful();
            reboot.run();
        }
    }

    private void rollBack(OpReport report) {
        if (state.rollBack()) {
            report.successful();
            reboot.run();
        } else {
            report.failed(FailCause.LOAD_FAILED, "no kept version");
        }
    }

    private static void checkServer(OpRequest request) throws TransferFailure {
        if (request.protocol() != OpRequest.PROTOCOL_TFTP) {
            throw new TransferFailure(FailCause.UNSUPPORTED_PROTOCOL, "this device speaks only TFTP", 0);
        }
        if (request.server() == null) {
            throw new TransferFailure(FailCause.TRANSFER_FAILED, "no usable IPv4 or IPv6 server address", 0);
        }
        if (request.fileName().isEmpty()
                || request.fileName().getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new TransferFailure(FailCause.BAD_FILE_NAME, "no file name given", 0);
        }
    }
}
