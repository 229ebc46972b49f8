package org.uplift.api.driver;

/**
 * Operations a driver commands on a device.
 *
 * @since 0.1
 */
public enum OperationType {
    /** The device uploads its running configuration to the file server (docs/design.md#method-backup). */
    BACKUP_CONFIG,
    /** The device downloads a configuration file and loads it (docs/design.md#method-restore). */
    RESTORE_CONFIG,
    /** The device downloads a software image, keeps its old version and loads the new one (docs/design.md#method-update, #keep-old-version). */
    DOWNLOAD_FIRMWARE,
    /** The device returns to the software version it kept (docs/design.md#keep-old-version). */
    ROLLBACK_FIRMWARE
}
