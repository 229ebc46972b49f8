package org.uplift.api.repository;

/**
 * Which way a ticketed transfer goes, seen from the device.
 *
 * @since 0.1
 */
public enum TransferDirection {
    /** The device reads a file from the server (firmware download, configuration restore). */
    DEVICE_READS,
    /** The device writes a file to the server (configuration backup). */
    DEVICE_WRITES
}
