package org.uplift.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.repository.FtpCredentials;

/**
 * The netrc files holding the FTP logins of tickets opened by hand: 0600 in a 0700 folder, each
 * deleted when its ticket expires, since the login is worthless then and a password should not lie
 * about. Files of an earlier run have lost their tickets and are deleted at start.
 */
final class NetrcFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetrcFiles.class);

    private final Path dir;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uplift-netrc-expiry");
        t.setDaemon(true);
        return t;
    });
    private final Set<Path> pending = ConcurrentHashMap.newKeySet();

    NetrcFiles(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        deleteLeftovers();
    }

    /** Writes the ticket's login for {@code host} and schedules the file's deletion at {@code expiresAt}. */
    Path write(String ticketId, Instant expiresAt, String host, FtpCredentials credentials) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, posix() ? new FileAttribute<?>[]{
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0]);
        }
        Path netrc = dir.resolve(ticketId + ".netrc");
        Files.deleteIfExists(netrc);
        if (posix()) {
            Files.createFile(netrc, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(netrc);
        }
        Files.writeString(netrc, "machine " + host + " login " + credentials.user() + " password "
                + credentials.password() + "\n", StandardCharsets.UTF_8);
        pending.add(netrc);
        long delay = Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis());
        timer.schedule(() -> delete(netrc), delay, TimeUnit.MILLISECONDS);
        return netrc;
    }

    /** Deletes the files whose tickets have not expired yet too: no one would delete them later. */
    @Override
    public void close() {
        timer.shutdownNow();
        List.copyOf(pending).forEach(this::delete);
    }

    private void delete(Path netrc) {
        try {
            Files.deleteIfExists(netrc);
            pending.remove(netrc);
        } catch (IOException e) {
            LOG.warn("Cannot delete the expired ticket's netrc file {}: {}", netrc, e.getMessage());
        }
    }

    private void deleteLeftovers() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.netrc")) {
            files.forEach(this::delete);
        } catch (IOException e) {
            LOG.warn("Cannot clean the netrc folder {}: {}", dir, e.getMessage());
        }
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
