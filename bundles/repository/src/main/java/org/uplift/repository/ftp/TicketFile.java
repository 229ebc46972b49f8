package org.uplift.repository.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

import org.apache.ftpserver.ftplet.FtpFile;
import org.uplift.repository.ticket.LiveTicket;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * The ticket's file as FTP sees it. A read ticket's file can be downloaded; a write ticket's file can
 * be uploaded once, from offset 0, up to the ticket's cap, and is never readable back. Nothing can be
 * deleted, renamed or created.
 */
final class TicketFile extends VirtualFile {

    private final LiveTicket ticket;
    private final TicketRegistry tickets;
    private final Consumer<CappedUpload> uploads;

    /** @param uploads told of every upload started, so the session can commit it once STOR is answered */
    TicketFile(LiveTicket ticket, TicketRegistry tickets, Consumer<CappedUpload> uploads) {
        this.ticket = ticket;
        this.tickets = tickets;
        this.uploads = uploads;
    }

    private boolean live() {
        return !ticket.revoked() && !ticket.expiredAt(tickets.now());
    }

    @Override
    public String getAbsolutePath() {
        return "/" + ticket.name();
    }
    @Override
    public String getName() {
        return ticket.name();
    }
    @Override
    public boolean isDirectory() {
        return false;
    }
    @Override
    public boolean isFile() {
        return true;
    }
    @Override
    public int getLinkCount() {
        return 1;
    }
    @Override
    public List<FtpFile> listFiles() {
        return List.of();
    }

    @Override
    public boolean doesExist() {
        return live() && (ticket.reads() ? Files.isRegularFile(ticket.source()) : ticket.completed());
    }

    @Override
    public boolean isReadable() {
        return live() && ticket.reads();
    }

    /** Backups are write-once: a completed or running upload closes the ticket to further writes. */
    @Override
    public boolean isWritable() {
        return live() && !ticket.reads() && !ticket.completed() && !ticket.busy();
    }

    @Override
    public long getLastModified() {
        try {
            return ticket.reads() ? Files.getLastModifiedTime(ticket.source()).toMillis() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public long getSize() {
        try {
            return ticket.reads() ? Files.size(ticket.source()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        if (!isReadable()) {
            throw new IOException("the ticket is not for reading, or it expired");
        }
        if (!ticket.begin()) {
            throw new IOException("the ticket was closed");
        }
        FileChannel file = null;
        try {
            file = FileChannel.open(ticket.source(), StandardOpenOption.READ);
            long size = file.size();
            file.position(offset);
            return new CountingDownload(Channels.newInputStream(file), ticket, offset, size);
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                file.close();
            }
            ticket.end();
            ticket.failed("FTP download could not start: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public OutputStream createOutputStream(long offset) throws IOException {
        if (offset != 0) {
            throw new IOException("uploads cannot resume or append: a backup is written once, whole");
        }
        if (!isWritable()) {
            throw new IOException("the ticket is not for writing, already used, or expired");
        }
        // checked and begun in one step: two uploads racing for one ticket cannot both start
        if (!ticket.beginAlone()) {
            throw new IOException("the ticket was closed, or another upload to it began");
        }
        try {
            CappedUpload upload = new CappedUpload(ticket);
            uploads.accept(upload);
            return upload;
        } catch (IOException | RuntimeException e) {
            ticket.end();
            throw e;
        }
    }
}
