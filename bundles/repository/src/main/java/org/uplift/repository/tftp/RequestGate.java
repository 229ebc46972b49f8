package org.uplift.repository.tftp;

import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.ticket.LiveTicket;
import org.uplift.repository.ticket.TicketNames;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * Decides whether a request may run: it must name exactly a live ticket's file, come from the
 * ticket's device and go the ticket's way. Everything else is refused with the matching TFTP error.
 */
final class RequestGate {

    private final TicketRegistry tickets;

    RequestGate(TicketRegistry tickets) {
        this.tickets = tickets;
    }

    LiveTicket admit(TftpRequest request) throws TftpRefusal {
        String name = request.fileName();
        if (unsafe(name)) {
            throw new TftpRefusal(TftpRefusal.ACCESS_VIOLATION, "access violation",
                    "the name is a path, not a ticket's file name");
        }
        if (!request.octet()) {
            throw new TftpRefusal(TftpRefusal.ILLEGAL_OPERATION, "only octet mode",
                    "netascii mode requested; only octet (binary) mode is served");
        }
        LiveTicket ticket = tickets.byName(name).orElseThrow(() -> new TftpRefusal(TftpRefusal.FILE_NOT_FOUND,
                "file not found", "no live ticket has this name"));
        TransferTicket t = ticket.ticket();
        if (!t.allows(request.address())) {
            throw new TftpRefusal(TftpRefusal.ACCESS_VIOLATION, "access violation",
                    "the ticket is for device " + t.device().getHostAddress() + ", not this address");
        }
        if (ticket.reads() != request.reads()) {
            throw new TftpRefusal(TftpRefusal.ACCESS_VIOLATION, "access violation", "the ticket is for "
                    + (ticket.reads() ? "reading" : "writing") + " only");
        }
        if (ticket.expiredAt(tickets.now())) {
            tickets.expire(ticket);
            throw new TftpRefusal(TftpRefusal.ACCESS_VIOLATION, "access violation",
                    "the ticket expired at " + t.expiresAt());
        }
        if (!ticket.reads() && ticket.completed()) {
            throw new TftpRefusal(TftpRefusal.FILE_EXISTS, "file already exists",
                    "the ticket's upload already completed");
        }
        if (!ticket.reads() && ticket.busy()) {
            throw new TftpRefusal(TftpRefusal.ACCESS_VIOLATION, "upload already in progress",
                    "another upload under this ticket is still running");
        }
        return ticket;
    }

    static boolean unsafe(String name) {
        return TicketNames.unsafe(name);
    }
}
