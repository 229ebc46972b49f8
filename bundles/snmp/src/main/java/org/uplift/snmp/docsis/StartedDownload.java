package org.uplift.snmp.docsis;

import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.common.device.RestartRule;
import org.uplift.common.text.DeviceText;

/**
 * One download Uplift started on a modem, and what the modem reported just before, so that an
 * outcome left over from an earlier download is not taken for this one's. docsDevSwOperStatus
 * keeps the last outcome until the modem starts the next download, which a real modem may do a
 * moment after the trigger. A good download always ends in the modem's own reboot, so
 * completeFromMgt counts only once this download was seen inProgress, or once the modem restarted
 * since the trigger and names the requested file in docsDevSwFilename. failed(4) counts once it
 * is new, was preceded by inProgress or a restart, or has stood for {@link #STALE_GRACE_NANOS}.
 */
final class StartedDownload {

    /** How long an unchanged failed(4) is read as the previous download's before it counts as this one's. */
    static final long STALE_GRACE_NANOS = 10_000_000_000L;

    private final int handle;
    private final String fileName;
    private final int operBefore;
    private final long upTimeBefore;
    private final long startedNanos;
    private volatile boolean sawInProgress;

    /**
     * @param handle       the handle index given for this download
     * @param fileName     docsDevSwFilename as set for it
     * @param operBefore   docsDevSwOperStatus just before the trigger
     * @param upTimeBefore sysUpTime (hundredths) just before the trigger
     * @param startedNanos {@link System#nanoTime()} when sysUpTime was read
     */
    StartedDownload(int handle, String fileName, int operBefore, long upTimeBefore, long startedNanos) {
        this.handle = handle;
        this.fileName = fileName;
        this.operBefore = operBefore;
        this.upTimeBefore = upTimeBefore;
        this.startedNanos = startedNanos;
    }

    int handle() {
        return handle;
    }

    /** The operation's state from what the modem reports now. */
    OperationStatus judge(int oper, String fileNow, long upTimeNow, long nowNanos) {
        long elapsedNanos = nowNanos - startedNanos;
        // the status poll does not read snmpEngineBoots: sysUpTime alone decides
        boolean restarted = RestartRule.restarted(upTimeBefore, -1, upTimeNow, -1, elapsedNanos / 1_000_000L);
        switch (oper) {
            case DocsDevMib.OPER_IN_PROGRESS :
                sawInProgress = true;
                return status(OperationState.RUNNING, null);
            case DocsDevMib.OPER_COMPLETE_FROM_MGT :
                if (sawInProgress || (restarted && fileName.equals(fileNow))) {
                    return status(OperationState.SUCCESSFUL, null);
                }
                if (restarted) {
                    return status(OperationState.UNKNOWN, "the modem restarted reporting completeFromMgt(3) for file '"
                            + DeviceText.escape(fileNow) + "', not the requested '" + fileName
                            + "': verify docsDevSwCurrentVers");
                }
                return waiting();
            case DocsDevMib.OPER_FAILED :
                if (sawInProgress || restarted || operBefore != DocsDevMib.OPER_FAILED
                        || elapsedNanos >= STALE_GRACE_NANOS) {
                    return new OperationStatus(OperationState.FAILED, "failed", "docsDevSwOperStatus is failed(4); "
                            + "DOCS-CABLE-DEVICE-MIB carries no cause, the modem's event log (docsDevEventTable) may "
                            + "name it; the modem keeps running its old image", 0);
                }
                return waiting();
            default :
                if (oper == operBefore && !sawInProgress && !restarted) {
                    return waiting();
                }
                // completeFromProvisioning(2) or other(5): the modem no longer reports the download Uplift started
                return status(OperationState.UNKNOWN, "docsDevSwOperStatus reads " + DocsDevMib.operLabel(oper)
                        + ": the modem no longer reports the download Uplift started");
        }
    }

    /** The modem still shows what it showed before the trigger: it has not taken up the download yet. */
    private static OperationStatus waiting() {
        return status(OperationState.WAITING, null);
    }

    private static OperationStatus status(OperationState state, String message) {
        return new OperationStatus(state, null, message, 0);
    }
}
