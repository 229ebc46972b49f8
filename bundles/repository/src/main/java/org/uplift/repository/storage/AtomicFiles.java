package org.uplift.repository.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Set;
import java.util.UUID;

import org.uplift.common.files.PrivateFiles;

/**
 * Writes files so that a reader (or a restart after a crash) sees either the old file or the whole
 * new one: temporary file in the same folder, fsync, atomic rename, fsync of the folder. Files are
 * created 0600 ({@link PrivateFiles}).
 */
public final class AtomicFiles {

    private static final String TEMP_MARK = ".tmp-";

    private AtomicFiles() {
    }

    /** Result of {@link #copy}: how many bytes were written and their SHA-256. */
    public record Copied(long size, String sha256) {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path temp = tempFor(target);
        try {
            try (FileChannel channel = open(temp)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            commit(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Copies a stream to {@code target}, hashing on the way so the file is read once; if
     * {@code accept} refuses the result the target is left untouched.
     */
    public static Copied copy(InputStream source, Path target, CopyCheck accept) throws IOException {
        Path temp = tempFor(target);
        try {
            MessageDigest digest = Sha256.newDigest();
            long size = 0;
            try (FileChannel channel = open(temp)) {
                byte[] chunk = new byte[64 * 1024];
                for (int n = source.read(chunk); n >= 0; n = source.read(chunk)) {
                    digest.update(chunk, 0, n);
                    ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    size += n;
                }
                channel.force(true);
            }
            Copied copied = new Copied(size, Sha256.hex(digest.digest()));
            accept.check(copied);
            commit(temp, target);
            return copied;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Lets the caller refuse a copy (e.g. an empty file) before it becomes visible. */
    @FunctionalInterface
    public interface CopyCheck {
        void check(Copied copied) throws IOException;
    }

    /** Leftovers of writes interrupted by a crash; stores skip them when listing. */
    public static boolean isTemporary(Path file) {
        return file.getFileName().toString().contains(TEMP_MARK);
    }

    /** A new file only Karaf's user can read; the rename keeps its permissions. */
    private static FileChannel open(Path temp) throws IOException {
        return FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PrivateFiles.fileIn(temp.getParent()));
    }

    private static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_MARK + UUID.randomUUID());
    }

    private static void commit(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent() + " cannot rename atomically", e);
        }
        syncDirectory(target.getParent());
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the data itself is already on disk
        }
    }
}
