package org.uplift.repository.ftp;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.common.logging.LogThrottle;
import org.uplift.repository.ticket.LiveTicket;
import org.uplift.repository.ticket.LogText;
import org.uplift.repository.ticket.TicketNames;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * Checks what MINA cannot: that a ticket's user logs in from the ticket's device address and that
 * path arguments are plain names; and logs every refused command with the client's address.
 */
final class TicketGuard extends DefaultFtplet {

    private static final Logger LOG = LoggerFactory.getLogger(TicketGuard.class);
    private static final Set<String> PATH_COMMANDS = Set.of("RETR", "STOR", "APPE", "STOU", "SIZE", "MDTM",
            "DELE", "RNFR", "RNTO", "MKD", "RMD", "CWD", "LIST", "NLST", "MLST", "MLSD");

    private final TicketRegistry tickets;
    /** Guessing logins is cheap for a client; the count of lines left out is logged. */
    private final LogThrottle refusals = new LogThrottle("FTP refusals", 20, Duration.ofSeconds(10));

    TicketGuard(TicketRegistry tickets) {
        this.tickets = tickets;
    }

    @Override
    public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
        String command = request.getCommand().toUpperCase(Locale.ROOT);
        if ("PASS".equals(command)) {
            return checkSource(session);
        }
        if (PATH_COMMANDS.contains(command) && request.hasArgument() && unsafePath(request.getArgument())) {
            return refuse(session, command, request.getArgument(),
                    FtpReply.REPLY_553_REQUESTED_ACTION_NOT_TAKEN_FILE_NAME_NOT_ALLOWED,
                    "file name not allowed", "the name is a path, not a ticket's file name");
        }
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply) throws FtpException {
        String command = request.getCommand().toUpperCase(Locale.ROOT);
        if (session.isLoggedIn() && session.getFileSystemView() instanceof TicketFileSystemFactory.View view) {
            // 226 is the only reply meaning the whole file arrived
            view.settle(reply.getCode() == FtpReply.REPLY_226_CLOSING_DATA_CONNECTION);
        }
        if (reply.getCode() >= 400) {
            // the argument of PASS is the secret itself
            String argument = "PASS".equals(command) ? "***" : LogText.of(request.getArgument());
            refusals.warn(LOG, "FTP: refused {} '{}' from {} (user {}): {} {}", command, argument, address(session),
                    user(session), reply.getCode(), LogText.of(reply.getMessage()));
        }
        return FtpletResult.DEFAULT;
    }

    /** A ticket's password is only good from the ticket's device, like its TFTP file name. */
    private FtpletResult checkSource(FtpSession session) throws FtpException {
        Optional<LiveTicket> ticket = tickets.byFtpUser(session.getUserArgument());
        InetAddress client = session.getClientAddress().getAddress();
        if (ticket.isPresent() && !ticket.get().ticket().allows(client)) {
            return refuse(session, "PASS", "***", FtpReply.REPLY_530_NOT_LOGGED_IN, "Authentication failed.",
                    "the ticket is for device " + ticket.get().ticket().device().getHostAddress()
                            + ", not this address");
        }
        return FtpletResult.DEFAULT;
    }

    private FtpletResult refuse(FtpSession session, String command, String argument, int code, String message,
            String reason) throws FtpException {
        refusals.warn(LOG, "FTP: refused {} '{}' from {} (user {}): {}", command, LogText.of(argument),
                address(session),
                user(session), reason);
        session.write(new DefaultFtpReply(code, message));
        return FtpletResult.SKIP;
    }

    /** One leading slash is how clients name a file in the root; anything else path-like is refused. */
    static boolean unsafePath(String argument) {
        if (argument.startsWith("-")) {
            return false; // LIST options such as -la
        }
        String name = argument.startsWith("/") ? argument.substring(1) : argument;
        return !name.isEmpty() && TicketNames.unsafe(name);
    }

    private static String user(FtpSession session) {
        return LogText.of(session.getUser() != null ? session.getUser().getName() : session.getUserArgument());
    }

    private static String address(FtpSession session) {
        return session.getClientAddress() == null ? "?" : session.getClientAddress().getAddress().getHostAddress();
    }
}
