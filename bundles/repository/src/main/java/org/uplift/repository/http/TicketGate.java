package org.uplift.repository.http;

import java.net.InetAddress;

import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.ticket.LiveTicket;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * Decides whether a request may run, by the same rules as TFTP and FTP: it must name a live ticket's
 * file, come from the ticket's device and go the ticket's way (GET or HEAD to read, PUT to write).
 */
final class TicketGate {

    static final String READ_METHODS = "GET, HEAD";
    static final String WRITE_METHODS = "PUT";

    private final TicketRegistry tickets;

    TicketGate(TicketRegistry tickets) {
        this.tickets = tickets;
    }

    LiveTicket admit(HttpRequest request, InetAddress client) throws HttpRefusal {
        LiveTicket ticket = tickets.byName(request.name()).filter(t -> !t.revoked())
                .orElseThrow(() -> new HttpRefusal(404, "not found", "no live ticket has this name"));
        TransferTicket t = ticket.ticket();
        if (!t.allows(client)) {
            throw new HttpRefusal(403, "forbidden",
                    "the ticket is for device " + t.device().getHostAddress() + ", not this address");
        }
        if (ticket.expiredAt(tickets.now())) {
            tickets.expire(ticket);
            throw new HttpRefusal(403, "forbidden", "the ticket expired at " + t.expiresAt());
        }
        String method = request.method();
        boolean allowed = ticket.reads() ? "GET".equals(method) || "HEAD".equals(method) : "PUT".equals(method);
        if (!allowed) {
            String allow = ticket.reads() ? READ_METHODS : WRITE_METHODS;
            throw new HttpRefusal(405, "method not allowed", "the ticket is for "
                    + (ticket.reads() ? "reading" : "writing") + " only (" + allow + ")", allow);
        }
        if (!ticket.reads() && ticket.completed()) {
            throw new HttpRefusal(409, "already uploaded", "the ticket's upload already completed");
        }
        return ticket;
    }
}
