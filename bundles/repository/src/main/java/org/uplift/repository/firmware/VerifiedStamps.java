package org.uplift.repository.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.uplift.api.repository.FirmwareImage;

/**
 * Remembers which image files were last hashed and found good, by a stamp of the file: its size,
 * modification time, inode and, on Unix, its status-change time. A campaign serves one image to
 * thousands of devices; hashing it for each job cost 8 % of the job threads' CPU. Any write to the
 * file changes the status-change time, which no program can set back (unlike the modification time),
 * so a replaced or edited file is hashed again; where the platform has no such time (not Unix) every
 * check hashes.
 */
final class VerifiedStamps {

    /** What identifies one state of a file's content, short of reading it. */
    record Stamp(long size, Object modified, Object fileKey, Object changed) {
    }

    private record Good(String digest, Stamp stamp) {
    }

    /** By image id. */
    private final Map<String, Good> good = new ConcurrentHashMap<>();

    /** The file's stamp now, or {@code null} where a write could go unnoticed (no change time). */
    static Stamp of(Path file) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object changed;
        try {
            changed = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
        return new Stamp(basic.size(), basic.lastModifiedTime(), basic.fileKey(), Objects.requireNonNull(changed));
    }

    /** Whether the image's file was found to hold its recorded digest in exactly this state. */
    boolean known(FirmwareImage image, Stamp stamp) {
        return stamp != null && new Good(image.sha256(), stamp).equals(good.get(image.id()));
    }

    /** Records that the image's file, in this state, hashed to the digest recorded for it. */
    void remember(FirmwareImage image, Stamp stamp) {
        if (stamp != null) {
            good.put(image.id(), new Good(image.sha256(), stamp));
        }
    }

    /** Forgets a removed image: one added again under its id is hashed again. */
    void forget(String id) {
        good.remove(id);
    }
}
