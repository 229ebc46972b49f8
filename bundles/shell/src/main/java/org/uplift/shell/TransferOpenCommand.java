package org.uplift.shell;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferDirection;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.shell.completers.FirmwareIdCompleter;

@Service
@Command(scope = "uplift", name = "transfer-open", description = "Opens a transfer ticket by hand and prints its TFTP and FTP URLs.", detailedDescription = """
        Lets one device address fetch one firmware image (catalogue id, checked against its SHA-256) or \
        file under the export directory (org.uplift.shell transferOpenExportDirectory, by default \
        ${karaf.data}/uplift/export), or with --write upload one file, until the ticket expires. Use it to \
        push a file to a device by hand.
        The ticket's own FTP password is never printed: it is written to a netrc file readable by Karaf's \
        user only (the path is printed; use it with curl --netrc-file or lftp), valid only from the --to \
        address, and deleted when the ticket expires.
        Defaults: --ttl 10m (at most org.uplift.shell transferOpenMaxTtlSeconds, 1h unless configured), \
        --max-bytes 16777216 (16 MiB).
        Examples:
          uplift:transfer-open --to 192.0.2.7 IAD-1000-2.0.0
          uplift:transfer-open --write --ttl 5m --to 192.0.2.7""")
public class TransferOpenCommand extends UpliftAction {

    private static final long DEFAULT_MAX_UPLOAD = 16L * 1024 * 1024;

    @Reference
    private FileServer fileServer;

    /** Optional: without it only files under the export directory are served. */
    @Reference(optional = true)
    private FirmwareCatalog catalog;

    @Reference
    private TransferOpenGuard guard;

    @Option(name = "--to", description = "The only device address allowed to use the ticket", required = true)
    private String to;

    @Option(name = "--write", description = "Let the device upload a file instead of downloading one")
    private boolean write;

    @Option(name = "--ttl", description = "How long the ticket lives: 90s, 10m, 2h or ISO-8601 (PT10M); default 10m")
    private String ttl = "10m";

    @Option(name = "--max-bytes", description = "With --write: upload size cap in bytes (the server's cap still applies)")
    private long maxBytes = DEFAULT_MAX_UPLOAD;

    @Argument(index = 0, name = "firmware-or-file", description = "Firmware catalogue id or path of a file under the export directory; not used with --write")
    @Completion(FirmwareIdCompleter.class)
    private String source;

    @Override
    protected Object run() throws Exception {
        InetAddress device = InetAddress.getByName(to);
        Duration lifetime = guard.ttl(parseDuration(ttl), ttl);
        TransferTicket ticket;
        if (write) {
            if (source != null) {
                throw new IllegalArgumentException("--write takes no file: the device chooses what it uploads");
            }
            ticket = fileServer.receive(device, maxBytes, lifetime);
        } else {
            if (source == null) {
                throw new IllegalArgumentException("name a firmware id (uplift:firmware-list) or a file to serve,"
                        + " or give --write for an upload");
            }
            ticket = fileServer.offer(resolve(catalog, guard, source), device, lifetime);
        }
        System.out.println("Ticket:    " + ticket.id());
        System.out.println("Direction: " + (ticket.direction() == TransferDirection.DEVICE_READS
                ? "device " + device.getHostAddress() + " downloads"
                : "device " + device.getHostAddress() + " uploads (at most " + ticket.maxBytes() + " bytes)"));
        System.out.println("File name: " + ticket.fileName());
        System.out.println("Expires:   " + ticket.expiresAt());
        Endpoint tftp = fileServer.endpoint(TransferProtocol.TFTP);
        System.out.println("TFTP:      tftp://" + tftp.host() + ":" + tftp.port() + "/" + ticket.fileName());
        Optional<FtpCredentials> credentials = fileServer.ftpCredentials(ticket.id());
        if (credentials.isPresent()) {
            Endpoint ftp = fileServer.endpoint(TransferProtocol.FTP);
            Path netrc = guard.netrc(ticket, ftp.host(), credentials.get());
            System.out
                    .println("FTP:       ftp://" + credentials.get().user() + "@" + ftp.host() + ":" + ftp.port() + "/"
                            + ticket.fileName());
            System.out.println("           password in " + netrc + " (mode 600), e.g. curl --netrc-file " + netrc);
        } else {
            System.out.println("FTP:       not available (see org.uplift.tftp ftpEnabled and the log)");
        }
        return null;
    }

    /** A catalogue id first (verified before serving), else a file under the export directory. */
    private static Path resolve(FirmwareCatalog catalog, TransferOpenGuard guard, String name)
            throws RepositoryException {
        if (catalog != null && catalog.get(name).isPresent()) {
            return catalog.verifiedFile(name);
        }
        return guard.servable(name);
    }

    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("pt")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            switch (value.charAt(value.length() - 1)) {
                case 's' :
                    return Duration.ofSeconds(amount);
                case 'm' :
                    return Duration.ofMinutes(amount);
                case 'h' :
                    return Duration.ofHours(amount);
                default :
                    break;
            }
        } catch (RuntimeException e) {
            // fall through to the operator's message
        }
        throw new IllegalArgumentException("--ttl " + text + " is not a duration; use 90s, 10m, 2h or PT10M");
    }
}
