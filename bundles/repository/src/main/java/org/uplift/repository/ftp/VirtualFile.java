package org.uplift.repository.ftp;

import org.apache.ftpserver.ftplet.FtpFile;

/**
 * What every file and folder a ticket's FTP session sees has in common: none is backed by a file a
 * client could reach, none is hidden, all belong to uplift, and none can be created, deleted, moved
 * or re-dated.
 */
abstract class VirtualFile implements FtpFile {

    @Override
    public final boolean isHidden() {
        return false;
    }
    @Override
    public final boolean isRemovable() {
        return false;
    }
    @Override
    public final String getOwnerName() {
        return "uplift";
    }
    @Override
    public final String getGroupName() {
        return "uplift";
    }
    @Override
    public final boolean setLastModified(long time) {
        return false;
    }
    @Override
    public final Object getPhysicalFile() {
        return null;
    }
    @Override
    public final boolean mkdir() {
        return false;
    }
    @Override
    public final boolean delete() {
        return false;
    }
    @Override
    public final boolean move(FtpFile destination) {
        return false;
    }
}
