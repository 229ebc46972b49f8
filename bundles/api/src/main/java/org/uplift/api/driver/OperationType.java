package org.uplift.api.driver;

/**
 * Operations a driver commands on a device.
 *
 * @since 0.1
 */
public enum OperationType {
    /** The device uploads its running configuration to the file server (claim 5). */
    BACKUP_CONFIG,
    /** The device downloads a configuration file and loads it (claim 15). */
    RESTORE_CONFIG,
    /** The device downloads a software image, keeps its old version and loads the new one (claims 10, 11). */
    DOWNLOAD_FIRMWARE,
    /** The device returns to the software version it kept (claim 10). */
    ROLLBACK_FIRMWARE
}
