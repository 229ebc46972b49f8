package org.uplift.repository.ftp;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ftpserver.FtpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names MINA FtpServer's worker threads {@code uplift-ftp-worker-N} (they are {@code pool-N-thread-M}
 * otherwise, which no thread dump or leak check can tell apart) and lets idle ones leave after a few
 * seconds instead of 30, so a burst of sessions leaves no threads behind. The pool is only reachable
 * through the server's context, in a package the FtpServer bundle does not export: hence reflection
 * on its public methods, and a server that runs unchanged if that ever fails.
 */
final class MinaWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(MinaWorkers.class);

    private MinaWorkers() {
    }

    static void tune(FtpServer server, long idleMillis) {
        try {
            Object context = server.getClass().getMethod("getServerContext").invoke(server);
            Object pool = context.getClass().getMethod("getThreadPoolExecutor").invoke(context);
            if (pool instanceof ThreadPoolExecutor executor) {
                executor.setThreadFactory(named());
                executor.setKeepAliveTime(idleMillis, TimeUnit.MILLISECONDS);
                return;
            }
            LOG.debug("FTP worker threads keep MINA's names: the server's pool is a {}", pool);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("FTP worker threads keep MINA's names: {}", e.toString());
        }
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "uplift-ftp-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
