package org.uplift.repository.ftp;

import java.util.List;

import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.AuthorizationRequest;
import org.apache.ftpserver.ftplet.User;
import org.uplift.repository.ticket.LiveTicket;

/**
 * One ticket as an FTP user. What it may do is decided by its file ({@link TicketFile}), not by
 * MINA authorities: MINA's request types live in a package its bundle does not export.
 */
final class TicketUser implements User {

    private final LiveTicket ticket;
    private final int idleSeconds;

    TicketUser(LiveTicket ticket, int idleSeconds) {
        this.ticket = ticket;
        this.idleSeconds = idleSeconds;
    }

    LiveTicket ticket() {
        return ticket;
    }

    @Override
    public String getName() {
        return ticket.ftp().user();
    }

    /** MINA never needs it back once authenticated; not handing it out keeps it out of any dump. */
    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public List<? extends Authority> getAuthorities() {
        return List.of();
    }

    @Override
    public List<? extends Authority> getAuthorities(Class<? extends Authority> type) {
        return List.of();
    }

    @Override
    public AuthorizationRequest authorize(AuthorizationRequest request) {
        return request;
    }

    @Override
    public int getMaxIdleTime() {
        return idleSeconds;
    }

    @Override
    public boolean getEnabled() {
        return true;
    }

    @Override
    public String getHomeDirectory() {
        return "/";
    }
}
