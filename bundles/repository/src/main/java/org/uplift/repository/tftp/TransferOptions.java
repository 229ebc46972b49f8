package org.uplift.repository.tftp;

import java.util.Map;

/**
 * What a transfer runs with after option negotiation.
 *
 * @param blockSize     data bytes per block (512 unless blksize was accepted)
 * @param timeoutMillis retransmission time-out
 * @param windowSize    blocks per acknowledgement (RFC 7440; 1 unless windowsize was accepted)
 * @param accepted      the options to acknowledge in an OACK; empty means no OACK is sent
 */
record TransferOptions(int blockSize, int timeoutMillis, int windowSize, Map<String, String> accepted) {

    TransferOptions {
        accepted = Map.copyOf(accepted);
    }

    boolean needsOack() {
        return !accepted.isEmpty();
    }
}
