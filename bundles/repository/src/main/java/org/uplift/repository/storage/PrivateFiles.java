package org.uplift.repository.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only Karaf's user may read: configurations hold passwords and SNMP secrets, uploads are
 * device configurations. Folders are 0700, files 0600, set at creation so there is no moment when
 * another user could open them. On a file system without POSIX permissions the platform's defaults
 * apply.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) 0700; an existing {@code dir} itself is narrowed to 0700. */
    public static Path directory(Path dir) throws IOException {
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        if (!Files.getPosixFilePermissions(dir).equals(FOLDER)) {
            Files.setPosixFilePermissions(dir, FOLDER);
        }
        return dir;
    }

    /** The attributes that make a file created in {@code dir} 0600; none where permissions are not POSIX. */
    public static FileAttribute<?>[] fileIn(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
