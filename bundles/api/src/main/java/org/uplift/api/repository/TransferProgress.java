package org.uplift.api.repository;

import java.nio.file.Path;

/**
 * What the file server observed of a ticket's transfer.
 *
 * @param ticketId     the ticket
 * @param bytes        bytes transferred so far
 * @param completed    the transfer ended normally (last block acknowledged or received)
 * @param receivedFile for {@link TransferDirection#DEVICE_WRITES} once completed: the file received; else {@code null}
 * @param error        why the last attempt failed, or {@code null}
 * @since 0.1
 */
public record TransferProgress(String ticketId, long bytes, boolean completed, Path receivedFile, String error) {
}
