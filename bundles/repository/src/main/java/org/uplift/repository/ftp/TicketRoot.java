package org.uplift.repository.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Supplier;

import org.apache.ftpserver.ftplet.FtpFile;

/** The only folder: read-only, listing the ticket's file. */
final class TicketRoot extends VirtualFile {

    private final Supplier<List<FtpFile>> contents;

    TicketRoot(Supplier<List<FtpFile>> contents) {
        this.contents = contents;
    }

    @Override
    public String getAbsolutePath() {
        return "/";
    }
    @Override
    public String getName() {
        return "/";
    }
    @Override
    public boolean isDirectory() {
        return true;
    }
    @Override
    public boolean isFile() {
        return false;
    }
    @Override
    public boolean doesExist() {
        return true;
    }
    @Override
    public boolean isReadable() {
        return true;
    }
    @Override
    public boolean isWritable() {
        return false;
    }
    @Override
    public int getLinkCount() {
        return 2;
    }
    @Override
    public long getLastModified() {
        return 0;
    }
    @Override
    public long getSize() {
        return 0;
    }

    @Override
    public List<FtpFile> listFiles() {
        return contents.get().stream().filter(FtpFile::doesExist).toList();
    }

    @Override
    public OutputStream createOutputStream(long offset) throws IOException {
        throw new IOException("a folder cannot be written");
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        throw new IOException("a folder cannot be read");
    }
}
