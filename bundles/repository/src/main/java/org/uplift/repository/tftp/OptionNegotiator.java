package org.uplift.repository.tftp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 2347 negotiation of blksize (RFC 2348), tsize and timeout (RFC 2349) and windowsize (RFC 7440). Unknown options and
 * values out of range are left out of the OACK, which the RFCs allow; only an announced upload
 * larger than the cap is refused.
 */
final class OptionNegotiator {

    static final int DEFAULT_BLOCK_SIZE = 512;
    static final int MIN_BLOCK_SIZE = 8;
    static final int MAX_BLOCK_SIZE = 65464;
    /** Larger windows gain nothing on real links and let one client burst more datagrams at once. */
    static final int MAX_WINDOW_SIZE = 64;

    private OptionNegotiator() {
    }

    /**
     * @param fileSize for a read, the size of the file served
     * @param cap      for a write, the upload cap
     */
    static TransferOptions negotiate(TftpRequest request, long fileSize, long cap, int defaultTimeoutMillis)
            throws TftpRefusal {
        return negotiate(request, fileSize, cap, defaultTimeoutMillis, 255);
    }

    /**
     * As above, granting a timeout option only up to {@code maxTimeoutSeconds}: RFC 2349 lets a server leave an
     * option out of its OACK, and then the client uses the server's own time-out.
     */
    static TransferOptions negotiate(TftpRequest request, long fileSize, long cap, int defaultTimeoutMillis,
            int maxTimeoutSeconds) throws TftpRefusal {
        Map<String, String> accepted = new LinkedHashMap<>();
        int blockSize = DEFAULT_BLOCK_SIZE;
        int timeoutMillis = defaultTimeoutMillis;

        Long blksize = number(request.options().get("blksize"));
        if (blksize != null && blksize >= MIN_BLOCK_SIZE) {
            // a larger request is answered with the largest size allowed (RFC 2348)
            blockSize = (int) Math.min(blksize, MAX_BLOCK_SIZE);
            accepted.put("blksize", Integer.toString(blockSize));
        }
        Long timeout = number(request.options().get("timeout"));
        if (timeout != null && timeout >= 1 && timeout <= maxTimeoutSeconds) {
            timeoutMillis = (int) (timeout * 1000);
            accepted.put("timeout", Long.toString(timeout));
        }
        int windowSize = 1;
        Long windowsize = number(request.options().get("windowsize"));
        if (windowsize != null && windowsize >= 1 && windowsize <= 65535) {
            // a larger request is answered with the largest window allowed (RFC 7440)
            windowSize = (int) Math.min(windowsize, MAX_WINDOW_SIZE);
            accepted.put("windowsize", Integer.toString(windowSize));
        }
        Long tsize = number(request.options().get("tsize"));
        if (tsize != null) {
            if (request.reads()) {
                accepted.put("tsize", Long.toString(fileSize));
            } else if (tsize > cap) {
                throw new TftpRefusal(TftpRefusal.DISK_FULL, "file too large",
                        "announced upload of " + tsize + " bytes exceeds the ticket's cap of " + cap + " bytes");
            } else {
                accepted.put("tsize", Long.toString(tsize));
            }
        }
        return new TransferOptions(blockSize, timeoutMillis, windowSize, accepted);
    }

    /** A non-negative decimal, or {@code null} for absent or unparseable values. */
    private static Long number(String value) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(value);
    }
}
