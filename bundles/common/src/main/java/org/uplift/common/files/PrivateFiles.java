package org.uplift.common.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
        return posix(dir) ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /** Writes {@code content} to a new 0600 {@code file}, replacing any file of that name. */
    public static Path write(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        try (SeekableByteChannel out = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileIn(file))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
        return file;
    }

    /** A new 0600 file of a unique name in {@code dir} holding {@code content}. */
    public static Path writeTemp(Path dir, String prefix, String suffix, byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, prefix, suffix, fileIn(dir));
        Files.write(file, content);
        return file;
    }

    /** Deletes {@code dir} and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
