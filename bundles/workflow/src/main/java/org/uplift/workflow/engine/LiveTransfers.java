package org.uplift.workflow.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.TransferProgress;

/**
 * The transfer each running job has under way on this node, so progress displays can show bytes
 * moved. Kept in memory only: after a restart a step opens a new ticket anyway.
 */
final class LiveTransfers {

    private record Live(String ticketId, long totalBytes) {
    }

    /** Bytes so far and the size served (-1 for an upload). */
    record Bytes(long bytes, long totalBytes) {
    }

    private final Map<String, Live> byJob = new ConcurrentHashMap<>();

    void watch(String jobId, String ticketId, long totalBytes) {
        byJob.put(jobId, new Live(ticketId, totalBytes));
    }

    void clear(String jobId, String ticketId) {
        byJob.computeIfPresent(jobId, (k, live) -> live.ticketId().equals(ticketId) ? null : live);
    }

    Optional<Bytes> of(String jobId, FileServer server) {
        Live live = byJob.get(jobId);
        if (live == null) {
            return Optional.empty();
        }
        long bytes = server.progress(live.ticketId()).map(TransferProgress::bytes).orElse(0L);
        return Optional.of(new Bytes(bytes, live.totalBytes()));
    }
}
