package org.uplift.api.driver;

/**
 * Identifies an operation a driver started on a device (for a copy-table MIB: the row index).
 *
 * @since 0.1
 */
public record OperationHandle(int index) {
}
