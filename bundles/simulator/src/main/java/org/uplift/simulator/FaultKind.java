package org.uplift.simulator;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The failures a simulated device can show; each is written {@code id} or {@code id:argument}. */
public enum FaultKind {
    /** A configuration backup reports failure (fail cause {@code unknown}). */
    BACKUP_FAIL("backup-fail", null),
    /** A configuration backup starts and never finishes: the manager's time-out must catch it. */
    BACKUP_HANG("backup-hang", null),
    /** A firmware download starts and never finishes: the manager's time-out must catch it. */
    DOWNLOAD_HANG("download-hang", null),
    /** A configuration restore starts and never finishes: the manager's time-out must catch it. */
    RESTORE_HANG("restore-hang", null),
    /** A firmware download fails with the given fail cause (default {@code transferFailed}). */
    DOWNLOAD_FAIL("download-fail", "FAILCAUSE"),
    /** The downloaded image arrives damaged, so its checksum fails ({@code corruptImage}). */
    CORRUPT_IMAGE("corrupt-image", null),
    /** The image is intact but does not load ({@code loadFailed}); the old version keeps running. */
    LOAD_FAIL("load-fail", null),
    /** After a reboot the device stays silent until the fault is cleared. */
    NO_RETURN("no-return", null),
    /** The running software rejects every configuration restored to it ({@code formatRejected}). */
    REJECT_CONFIG("reject-config", null),
    /** The next N restores fail (fail cause {@code unknown}), later ones succeed (default N 1). */
    RESTORE_FAIL("restore-fail", "N"),
    /** When an operation of the given kind starts, the agent stops answering SNMP until the fault is cleared. */
    SILENT_DURING("silent-during", "backup|restore|download|rollback"),
    /** The agent stops answering SNMP at once, until the fault is cleared. */
    SILENT("silent", null),
    /** A backup reports success but the uploaded file is cut in half (a device that lies). */
    BACKUP_TRUNCATED("backup-truncated", null),
    /** A backup reports success but uploads a file that differs from the running configuration. */
    BACKUP_STALE("backup-stale", null),
    /** A backup reports success without uploading anything. */
    BACKUP_NO_UPLOAD("backup-no-upload", null),
    /** A download reports success and the new software runs, but the old version is not kept. */
    KEEP_NONE("keep-none", null),
    /** A download reports success, the device reboots, and comes back running the old version. */
    STAYS_OLD("stays-old", null),
    /** A restore reports success but the device runs another configuration than the one served. */
    RESTORE_OTHER("restore-other", null),
    /** After a good download the device writes flash for SECONDS, answering nothing, before it reboots. */
    FLASH_SILENCE("flash-silence", "SECONDS"),
    /** After loading new software the device boots, answers for a second, and reboots once more. */
    DOUBLE_REBOOT("double-reboot", null),
    /** sysUpTime wraps (2^32 hundredths) SECONDS after the device starts, as after 497 days up. */
    UPTIME_WRAP("uptime-wrap", "SECONDS"),
    /** New software, once booted, adds a line of its own to the running configuration (a restore that merges keeps it). */
    BOOT_ADDS_LINE("boot-adds-line", null),
    /** The device answers the SET creating an operation's row, but its state reads noSuchInstance for MILLIS. */
    SLOW_ROW("slow-row", "MILLIS"),
    /**
     * At its next reboot the agent takes a new SNMP engine ID (as one derived from an address does);
     * v3 managers must rediscover it. Used up by that reboot.
     */
    ENGINE_ID_CHANGE("engine-id-change", null);

    private final String id;
    private final String argument;

    FaultKind(String id, String argument) {
        this.id = id;
        this.argument = argument;
    }

    public String id() {
        return id;
    }

    /** What the argument looks like, or {@code null} if the kind takes none. */
    public String argument() {
        return argument;
    }

    static FaultKind parse(String id) {
        for (FaultKind kind : values()) {
            if (kind.id.equalsIgnoreCase(id.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + id.trim() + "' (known: " + known() + ")");
    }

    /** Every kind, with its argument's shape, for help texts. */
    public static String known() {
        return Arrays.stream(values()).map(k -> k.argument == null ? k.id : k.id + "[:" + k.argument + "]")
                .collect(Collectors.joining(", "));
    }
}
