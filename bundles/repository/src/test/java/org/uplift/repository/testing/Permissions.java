package org.uplift.repository.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Reads POSIX permissions back, as {@code ls -l} shows them. */
public final class Permissions {

    private Permissions() {
    }

    public static String of(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** A 0600 file in a 0700 folder. */
    public static void assertPrivateFile(Path file) throws IOException {
        assertEquals("rw-------", of(file), file.toString());
        assertEquals("rwx------", of(file.getParent()), file.getParent().toString());
    }
}
