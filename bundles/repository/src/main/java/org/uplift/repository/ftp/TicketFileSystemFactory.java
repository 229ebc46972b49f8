package org.uplift.repository.ftp;

import java.util.List;

import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.User;
import org.uplift.repository.ticket.LiveTicket;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * Each session sees a root folder holding its ticket's file and nothing else; there is no real
 * directory behind it to escape from.
 */
final class TicketFileSystemFactory implements FileSystemFactory {

    private final TicketRegistry tickets;

    TicketFileSystemFactory(TicketRegistry tickets) {
        this.tickets = tickets;
    }

    @Override
    public FileSystemView createFileSystemView(User user) throws FtpException {
        if (!(user instanceof TicketUser ticketUser)) {
            throw new FtpException("only ticket users have a file system");
        }
        return new View(ticketUser.ticket());
    }

    /** The session's view; package-visible so {@link TicketGuard} can settle the upload STOR started. */
    final class View implements FileSystemView {

        private final LiveTicket ticket;
        private final TicketRoot root;
        private CappedUpload pending;

        View(LiveTicket ticket) {
            this.ticket = ticket;
            this.root = new TicketRoot(() -> List.of(file()));
        }

        @Override
        public FtpFile getHomeDirectory() {
            return root;
        }

        @Override
        public FtpFile getWorkingDirectory() {
            return root;
        }

        @Override
        public boolean changeWorkingDirectory(String dir) {
            return "/".equals(dir) || ".".equals(dir);
        }

        @Override
        public FtpFile getFile(String name) {
            String plain = name.startsWith("/") ? name.substring(1) : name;
            // MINA names the working folder "./" when a listing has no argument
            if (plain.isEmpty() || ".".equals(plain) || "./".equals(plain)) {
                return root;
            }
            return plain.equals(ticket.name()) ? file() : new AbsentFile(plain);
        }

        /** A fresh view of the ticket per command, so expiry and completion are seen at once. */
        private FtpFile file() {
            return new TicketFile(ticket, tickets, this::started);
        }

        private synchronized void started(CappedUpload upload) {
            settle(false);
            pending = upload;
        }

        /** Commits or discards the upload of the last STOR; nothing if there was none. */
        synchronized void settle(boolean transferred) {
            if (pending != null) {
                pending.commit(transferred);
                pending = null;
            }
        }

        @Override
        public boolean isRandomAccessible() {
            return false;
        }

        @Override
        public void dispose() {
            // the session ended before STOR was answered: the upload is not known to be whole
            settle(false);
        }
    }
}
