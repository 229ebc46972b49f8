package org.uplift.common.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders 0700 and files 0600 from the moment they exist; a tree deleted whole. */
class PrivateFilesTest {

    @TempDir
    Path temp;

    @Test
    void givenAWideOpenFolder_whenMadePrivate_thenOnlyTheOwnerMayEnterAndItsNewFilesAreOwnerOnly() throws Exception {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path dir = Files.createDirectories(temp.resolve("a"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        PrivateFiles.directory(dir);
        Path written = PrivateFiles.write(dir.resolve("x.cfg"), new byte[]{1, 2});
        Path replaced = PrivateFiles.write(written, new byte[]{3});
        Path unique = PrivateFiles.writeTemp(PrivateFiles.directory(dir.resolve("b/c")), "x-", ".cfg", new byte[]{4});

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("b/c"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(unique)));
        assertArrayEquals(new byte[]{3}, Files.readAllBytes(replaced));
        assertArrayEquals(new byte[]{4}, Files.readAllBytes(unique));
    }

    @Test
    void givenAFolderWithFilesAndSubfolders_whenDeleted_thenNothingIsLeft_andAMissingOneIsNoError() throws Exception {
        Path dir = PrivateFiles.directory(temp.resolve("job/1/deep"));
        PrivateFiles.write(dir.resolve("f"), new byte[]{1});
        PrivateFiles.write(temp.resolve("job/g"), new byte[]{2});

        PrivateFiles.deleteTree(temp.resolve("job"));
        PrivateFiles.deleteTree(temp.resolve("job"));

        assertFalse(Files.exists(temp.resolve("job")));
    }
}
