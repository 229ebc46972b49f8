package org.uplift.shell.fakes;

import org.uplift.api.workflow.JobState;

/** The changes a healthy upgrade goes through, one per look, for a {@link VirtualPacer}. */
public final class Scripts {

    public static final long IMAGE = 10L << 20;

    private Scripts() {
    }

    /** Backup (a 10 KiB upload), update (10 MiB served, moving 5% per look), restore, DONE. */
    public static VirtualPacer healthyUpgrade(VirtualPacer pacer, FakeUpgrades upgrades, String job) {
        pacer.then(() -> upgrades.enter(job, JobState.BACKUP, "device asked to upload its configuration"))
                .then(() -> upgrades.transfer(job, 10_240, -1))
                .then(() -> upgrades.enter(job, JobState.VERIFY_BACKUP, "configuration received: 10240 bytes"))
                .then(() -> upgrades.enter(job, JobState.KEEP_OLD_VERSION, "backup v1 stored"))
                .then(() -> upgrades.enter(job, JobState.UPDATE, "device asked to download IAD-1000-2.0.0"));
        for (int i = 0; i <= 20; i++) {
            long bytes = IMAGE * i / 20;
            pacer.then(() -> upgrades.transfer(job, bytes, IMAGE));
        }
        return pacer
                .then(() -> upgrades.enter(job, JobState.VERIFY_UPDATE,
                        "device accepted the image (10485760 bytes served)"))
                .then(() -> upgrades.enter(job, JobState.MIGRATE_CONFIG, "device restarted running 2.0.0"))
                .then(() -> upgrades.enter(job, JobState.RESTORE, "configuration served as format 1"))
                .then(() -> upgrades.enter(job, JobState.VERIFY_RESTORE, "device loaded the configuration"))
                .then(() -> upgrades.enter(job, JobState.DONE, "running configuration matches what was served"));
    }
}
