package org.uplift.repository.ftp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.uplift.repository.ticket.LiveTicket;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * The FTP users are the live tickets: read-only, created and removed with them. The client's address
 * is checked by {@link TicketGuard}, which sees the session.
 */
final class TicketUserManager implements UserManager {

    private final TicketRegistry tickets;
    private final int idleSeconds;

    TicketUserManager(TicketRegistry tickets, int idleSeconds) {
        this.tickets = tickets;
        this.idleSeconds = idleSeconds;
    }

    @Override
    public User authenticate(Authentication authentication) throws AuthenticationFailedException {
        if (!(authentication instanceof UsernamePasswordAuthentication login)) {
            throw new AuthenticationFailedException("only user and password logins are accepted");
        }
        LiveTicket ticket = live(login.getUsername())
                .orElseThrow(() -> new AuthenticationFailedException("no live ticket has this user"));
        if (!constantTimeEquals(ticket.ftp().password(), login.getPassword())) {
            throw new AuthenticationFailedException("wrong password");
        }
        return new TicketUser(ticket, idleSeconds);
    }

    @Override
    public User getUserByName(String name) {
        return live(name).map(t -> new TicketUser(t, idleSeconds)).orElse(null);
    }

    @Override
    public boolean doesExist(String name) {
        return live(name).isPresent();
    }

    @Override
    public String[] getAllUserNames() {
        // listing other tickets' users would help guessing; nobody needs it
        return new String[0];
    }

    @Override
    public void delete(String name) throws FtpException {
        throw new FtpException("FTP users are tickets; close the ticket instead");
    }

    @Override
    public void save(User user) throws FtpException {
        throw new FtpException("FTP users are tickets; open a ticket instead");
    }

    @Override
    public String getAdminName() {
        return "";
    }

    @Override
    public boolean isAdmin(String name) {
        return false;
    }

    private Optional<LiveTicket> live(String user) {
        return tickets.byFtpUser(user).filter(t -> !t.revoked() && !t.expiredAt(tickets.now()));
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
