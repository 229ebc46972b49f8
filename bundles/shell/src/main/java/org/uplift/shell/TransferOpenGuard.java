package org.uplift.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferTicket;

/**
 * What {@code uplift:transfer-open} may do: how long a hand-opened ticket may live, which files it
 * may serve (besides catalogue firmware), and the netrc files of its FTP logins. Immediate, so the
 * netrc files' deletions stay scheduled between commands.
 */
@Component(service = TransferOpenGuard.class, configurationPid = TransferOpenGuard.PID, immediate = true)
@Designate(ocd = TransferOpenGuard.Config.class)
public class TransferOpenGuard {

    static final String PID = "org.uplift.shell";

    @ObjectClassDefinition(name = "Uplift shell", description = "Limits of the tickets an operator opens by hand with uplift:transfer-open")
    public @interface Config {
        @AttributeDefinition(name = "Longest ticket lifetime", description = "uplift:transfer-open refuses a --ttl longer than this many seconds")
        long transferOpenMaxTtlSeconds() default 3600;

        @AttributeDefinition(name = "Export directory", description = "Besides catalogue firmware, uplift:transfer-open serves only files under this folder; empty means ${karaf.data}/uplift/export")
        String transferOpenExportDirectory() default "";
    }

    private final Duration maxTtl;
    private final Path exportDirectory;
    private final NetrcFiles netrcFiles;

    @Activate
    public TransferOpenGuard(Config config) {
        this(Duration.ofSeconds(config.transferOpenMaxTtlSeconds()), config.transferOpenExportDirectory().isBlank()
                ? dataDirectory().resolve("export") : Path.of(config.transferOpenExportDirectory().trim()),
                dataDirectory().resolve("tickets"), Clock.systemUTC());
    }

    TransferOpenGuard(Duration maxTtl, Path exportDirectory, Path netrcDirectory, Clock clock) {
        if (maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException(PID + ": transferOpenMaxTtlSeconds must be positive, not "
                    + maxTtl.toSeconds());
        }
        this.maxTtl = maxTtl;
        this.exportDirectory = exportDirectory.toAbsolutePath().normalize();
        this.netrcFiles = new NetrcFiles(netrcDirectory, clock);
    }

    @Deactivate
    void deactivate() {
        netrcFiles.close();
    }

    /** {@code ttl}, if it is within the configured maximum. */
    Duration ttl(Duration ttl, String asked) {
        if (ttl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("--ttl " + asked + " is longer than the " + maxTtl.toSeconds()
                    + " s allowed (" + PID + " transferOpenMaxTtlSeconds)");
        }
        return ttl;
    }

    /** {@code file} if it is a regular file under the export directory, links resolved; else a one-line refusal. */
    Path servable(String file) {
        try {
            Path real = Path.of(file).toRealPath();
            if (real.startsWith(exportDirectory.toRealPath()) && Files.isRegularFile(real)) {
                return real;
            }
        } catch (IOException | RuntimeException e) {
            // not there, unreadable or not a path: refused below
        }
        throw new IllegalArgumentException(file + " is neither a firmware id (uplift:firmware-list) nor a file under "
                + exportDirectory + " (" + PID + " transferOpenExportDirectory), the only ones transfer-open serves");
    }

    /** The ticket's FTP login in a netrc file only Karaf's user can read, deleted when the ticket expires. */
    Path netrc(TransferTicket ticket, String host, FtpCredentials credentials) throws IOException {
        return netrcFiles.write(ticket.id(), ticket.expiresAt(), host, credentials);
    }

    private static Path dataDirectory() {
        return Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "uplift");
    }
}
