package org.uplift.workflow.engine;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.common.files.PrivateFiles;
import org.uplift.workflow.store.StoredJob;

/**
 * The jobs' own folders under the work directory. A job's folder holds its migrated configuration,
 * needed only while the job lives (the original is in the backup store), so it goes when the job ends.
 */
final class WorkFolders {

    private static final Logger LOG = LoggerFactory.getLogger(WorkFolders.class);

    private final Path root;

    WorkFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Called once a job reached DONE, ABORTED or FAILED; a failure to delete is logged, never the job's. */
    void ended(StoredJob job) {
        Path folder = root.resolve(job.id()).normalize();
        if (!root.equals(folder.getParent())) {
            return; // not a plain name: nothing of ours
        }
        try {
            PrivateFiles.deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("Cannot remove the work folder {} of ended job {}: {}", folder, job.id(), e.toString());
        }
    }
}
