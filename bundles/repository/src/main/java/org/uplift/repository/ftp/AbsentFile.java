package org.uplift.repository.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import org.apache.ftpserver.ftplet.FtpFile;

/** Any name but the ticket's: it does not exist and cannot be created. */
final class AbsentFile extends VirtualFile {

    private final String name;

    AbsentFile(String name) {
        this.name = name;
    }

    @Override
    public String getAbsolutePath() {
        return "/" + name;
    }
    @Override
    public String getName() {
        return name;
    }
    @Override
    public boolean isDirectory() {
        return false;
    }
    @Override
    public boolean isFile() {
        return false;
    }
    @Override
    public boolean doesExist() {
        return false;
    }
    @Override
    public boolean isReadable() {
        return false;
    }
    @Override
    public boolean isWritable() {
        return false;
    }
    @Override
    public int getLinkCount() {
        return 0;
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
        return List.of();
    }

    @Override
    public OutputStream createOutputStream(long offset) throws IOException {
        throw new IOException("no live ticket has this name");
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        throw new IOException("no live ticket has this name");
    }
}
