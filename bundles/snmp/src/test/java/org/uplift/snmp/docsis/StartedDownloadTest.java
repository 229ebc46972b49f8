package org.uplift.snmp.docsis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;

/** What counts as this download's outcome, from docsDevSwOperStatus, docsDevSwFilename and sysUpTime. */
class StartedDownloadTest {

    private static final String FILE = "/up-new.img";
    private static final long UP = 360_000; // the modem had been up an hour at the trigger
    private static final long T0 = 1_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aStaleCompleteFromMgtWithoutRestartOrInProgressIsWaiting_evenWithTheRequestedFileName() {
        StartedDownload download = started(DocsDevMib.OPER_COMPLETE_FROM_MGT);

        assertEquals(OperationState.WAITING, state(download, DocsDevMib.OPER_COMPLETE_FROM_MGT, FILE, UP + 300, 3));
        assertEquals(OperationState.WAITING, state(download, DocsDevMib.OPER_COMPLETE_FROM_MGT, FILE, UP + 6000, 60),
                "no restart: the earlier upgrade's outcome, however long it stands");
    }

    @Test
    void completeFromMgtAfterInProgressIsSuccess() {
        StartedDownload download = started(DocsDevMib.OPER_COMPLETE_FROM_MGT);

        assertEquals(OperationState.RUNNING, state(download, DocsDevMib.OPER_IN_PROGRESS, FILE, UP + 100, 1));
        assertEquals(OperationState.SUCCESSFUL, state(download, DocsDevMib.OPER_COMPLETE_FROM_MGT, FILE, UP + 200, 2));
    }

    @Test
    void completeFromMgtAfterARestartWithTheRequestedFileIsSuccess_evenIfInProgressWasMissed() {
        StartedDownload download = started(DocsDevMib.OPER_COMPLETE_FROM_MGT);

        assertEquals(OperationState.SUCCESSFUL, state(download, DocsDevMib.OPER_COMPLETE_FROM_MGT, FILE, 500, 40),
                "sysUpTime 5 s, 40 s after the trigger: it rebooted");
        OperationStatus other = started(DocsDevMib.OPER_COMPLETE_FROM_MGT)
                .judge(DocsDevMib.OPER_COMPLETE_FROM_MGT, "/up-earlier.img", 500, T0 + 40 * SECOND);
        assertEquals(OperationState.UNKNOWN, other.state(), "restarted, but names another file");
        assertTrue(other.failMessage().contains("up-earlier.img"), other.failMessage());
    }

    @Test
    void aRestartIsNotImaginedFromTheNetworksDelay() {
        StartedDownload download = started(DocsDevMib.OPER_COMPLETE_FROM_MGT);

        // 2 s after the trigger the modem reports 1.5 s more uptime: late by half a second, not restarted
        assertEquals(OperationState.WAITING, state(download, DocsDevMib.OPER_COMPLETE_FROM_MGT, FILE, UP + 150, 2));
    }

    @Test
    void aNewFailureCountsAtOnce_aStaleOneOnlyAfterInProgressOrTheGrace() {
        assertEquals(OperationState.FAILED,
                state(started(DocsDevMib.OPER_COMPLETE_FROM_MGT), DocsDevMib.OPER_FAILED, FILE, UP + 100, 1));

        StartedDownload stale = started(DocsDevMib.OPER_FAILED);
        assertEquals(OperationState.WAITING, state(stale, DocsDevMib.OPER_FAILED, FILE, UP + 100, 1));
        assertEquals(OperationState.FAILED, state(stale, DocsDevMib.OPER_FAILED, FILE, UP + 1100, 11),
                "after " + StartedDownload.STALE_GRACE_NANOS / SECOND + " s it is this download's failure");

        StartedDownload again = started(DocsDevMib.OPER_FAILED);
        assertEquals(OperationState.RUNNING, state(again, DocsDevMib.OPER_IN_PROGRESS, FILE, UP + 100, 1));
        OperationStatus failed = again.judge(DocsDevMib.OPER_FAILED, FILE, UP + 200, T0 + 2 * SECOND);
        assertEquals(OperationState.FAILED, failed.state());
        assertTrue(failed.describeFailure().contains("failed(4)"), failed.describeFailure());
    }

    @Test
    void anUnchangedOtherIsWaiting_aChangeAwayFromTheDownloadIsUnknown() {
        assertEquals(OperationState.WAITING,
                state(started(DocsDevMib.OPER_OTHER), DocsDevMib.OPER_OTHER, FILE, UP + 100, 1));

        StartedDownload download = started(DocsDevMib.OPER_OTHER);
        state(download, DocsDevMib.OPER_IN_PROGRESS, FILE, UP + 100, 1);
        OperationStatus lost = download.judge(DocsDevMib.OPER_COMPLETE_FROM_PROVISIONING, FILE, 300, T0 + 60 * SECOND);
        assertEquals(OperationState.UNKNOWN, lost.state());
        assertTrue(lost.failMessage().contains("completeFromProvisioning(2)"), lost.failMessage());
    }

    private static StartedDownload started(int operBefore) {
        return new StartedDownload(1, FILE, operBefore, UP, T0);
    }

    private static OperationState state(StartedDownload download, int oper, String file, long upTime, long seconds) {
        return download.judge(oper, file, upTime, T0 + seconds * SECOND).state();
    }
}
