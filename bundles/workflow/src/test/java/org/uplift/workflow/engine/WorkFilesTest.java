package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;

/**
 * A job's work files: the migrated configuration is 0600 in 0700 folders while the job lives (it
 * holds the device's secrets), and the job's folder is gone once the job ends.
 */
@Timeout(60)
class WorkFilesTest extends HarnessTest {

    private Path work() {
        return dir.resolve("work");
    }

    @Test
    void givenAJobThatMigratedTheConfiguration_whenItIsDone_thenItsWorkFolderIsGone() throws Exception {
        h = new EngineHarness(dir, 1, List.of());
        h.addFirmware("3.0.0", "3");
        h.startEngine();
        Job done = h.await(h.engine.start("iad-1", "3.0.0").id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertTrue(done.history().stream().anyMatch(r -> r.message().contains("kept beside the original as "
                + "configuration-format-3.cfg")), done.history().toString());

        assertFalse(Files.exists(work().resolve(done.id())), "the job's work folder outlived it");
        assertEquals("rwx------", permissions(work()));
    }

    @Test
    void givenAJobWaitingAfterItsRestoreFailed_whenTheOperatorAborts_thenTheKeptFileWasPrivateAndIsGoneAtTheEnd()
            throws Exception {
        oneIad("1=reject-config");
        String id = h.engine.start("iad-1", "2.0.0").id();
        Job waiting = h.await(id, WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("RESTORE failed"), waiting.lastMessage());
        Path kept = work().resolve(id).resolve("configuration-format-1.cfg");
        assertEquals("rw-------", permissions(kept));
        assertEquals("rwx------", permissions(kept.getParent()));
        assertEquals("rwx------", permissions(work()));

        h.engine.decide(id, Decision.ABORT);

        Job ended = h.await(id, WAIT, ABORTED, DONE, FAILED);
        assertEquals(ABORTED, ended.state(), ended.history().toString());
        assertFalse(Files.exists(work().resolve(id)), "the job's work folder outlived it");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
