package org.uplift.workflow.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.workflow.store.DeviceBusy;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * Admits a job: finds the device, reads it through its drivers, plans the job, and stores it leased to this
 * node. Every refusal names its {@link Reason}; "the device already has a job" is the store's, decided in the
 * transaction that stores the job, so two starts at once cannot both pass it.
 */
final class JobAdmission {

    private final Services services;
    private final JobStore store;
    private final Transit transit;
    private final JobTargets targets;
    private final String nodeId;
    private final Duration lease;

    JobAdmission(Services services, JobStore store, Transit transit, JobTargets targets, String nodeId,
            Duration lease) {
        this.services = services;
        this.store = store;
        this.transit = transit;
        this.targets = targets;
        this.nodeId = nodeId;
        this.lease = lease;
    }

    /** The stored job, in PENDING, published; not yet driven. */
    StoredJob admit(UpgradeRequest request) throws UpgradeException {
        String deviceId = request.deviceId();
        String firmwareVersion = request.firmwareVersion();
        RetryPolicy policy = request.policy();
        Device device = targets.device(deviceId)
                .orElseThrow(() -> new UpgradeException(Reason.UNKNOWN_DEVICE, JobTargets.unknown(deviceId)));
        JobTarget target;
        try {
            target = targets.target(device);
        } catch (DeviceException e) {
            throw new UpgradeException(e.unreachable() ? Reason.DEVICE_UNREACHABLE : Reason.REFUSED_BY_PREFLIGHT,
                    e.getMessage(), e);
        }
        DeviceFacts facts = readFacts(target);
        if (facts.model().isBlank()) {
            throw new UpgradeException(Reason.REFUSED_BY_PREFLIGHT,
                    "device " + deviceId + " not touched: none of its drivers ("
                            + String.join(", ",
                                    target.reader().drivers().stream().map(targets::name).distinct().toList())
                            + ") reads its model, so no firmware can be chosen for it");
        }
        FirmwareImage image = services.catalog().find(facts.model(), firmwareVersion)
                .orElseThrow(() -> new UpgradeException(Reason.UNKNOWN_FIRMWARE, "no firmware " + firmwareVersion
                        + " for model " + facts.model() + " (device " + deviceId + ") in the catalogue: add it with "
                        + "uplift:firmware-add"));
        if (image.version().equals(facts.runningVersion())) {
            throw new UpgradeException(Reason.BUSY, "device " + deviceId + " already runs " + firmwareVersion);
        }
        JobPlanner.Planned planned = new JobPlanner(services.catalog(), services.fileServer(), services.migrations(),
                targets::name).plan(device, target.reader(), target.commanders(), facts, image);
        Instant now = services.clock().instant();
        String id = UUID.randomUUID().toString().substring(0, 8);
        StepRecord first = new StepRecord(JobState.PENDING, now, "upgrade " + facts.model() + " from "
                + facts.runningVersion() + " to " + image.version() + " (policy " + policy + "); plan: "
                + String.join("; ", planned.plan().lines()));
        JobRecord record = JobRecord.planned(policy, planned.plan(), planned.oldImage().map(FirmwareImage::id));
        StoredJob job = new StoredJob(id, deviceId, image.id(), image.version(), request.campaignId(), JobState.PENDING,
                now, now,
                record, List.of(first), nodeId, now.plus(lease));
        try {
            store.create(job);
        } catch (DeviceBusy e) {
            throw new UpgradeException(Reason.BUSY, e.getMessage(), e);
        } catch (StoreException e) {
            throw new UpgradeException(Reason.UNAVAILABLE, e.getMessage(), e);
        }
        transit.publish(job, first);
        return job;
    }

    private static DeviceFacts readFacts(JobTarget target) throws UpgradeException {
        try {
            return target.reader().read(target.device());
        } catch (DeviceException e) {
            throw new UpgradeException(Reason.DEVICE_UNREACHABLE, "cannot read device " + target.device().id()
                    + " before upgrading it: " + e.getMessage(), e);
        }
    }
}
