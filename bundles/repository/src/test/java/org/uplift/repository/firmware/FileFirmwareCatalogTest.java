package org.uplift.repository.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.repository.RepositoryException;
import org.uplift.repository.storage.PropertiesFiles;
import org.uplift.repository.testing.Configs;

class FileFirmwareCatalogTest {

    @TempDir
    Path temp;

    private FileFirmwareCatalog catalog(Path directory) throws IOException {
        return new FileFirmwareCatalog(Configs.of(FileFirmwareCatalog.Config.class,
                Map.of("directory", directory.toString())));
    }

    private Path image(String name, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(temp.resolve(name), content);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void givenAnImage_whenAdded_thenItIsCopiedWithItsSha256AndMetadata() throws Exception {
        Path store = temp.resolve("firmware");
        Path source = image("fw.bin", 70_000);

        FirmwareImage added = catalog(store).add(source, "AX-200", "2.1.0", "fixes the fan control");

        assertEquals("AX-200-2.1.0", added.id());
        assertEquals(70_000, added.size());
        assertEquals(sha256(Files.readAllBytes(source)), added.sha256());
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(store.resolve("AX-200-2.1.0.bin")));
        Properties metadata = PropertiesFiles.read(store.resolve("AX-200-2.1.0.properties"));
        assertEquals("AX-200", metadata.getProperty("model"));
        assertEquals("2.1.0", metadata.getProperty("version"));
        assertEquals("70000", metadata.getProperty("size"));
        assertEquals(added.sha256(), metadata.getProperty("sha256"));
        assertEquals(added.addedAt().toString(), metadata.getProperty("addedAt"));
        assertEquals("fixes the fan control", metadata.getProperty("releaseNotes"));
        try (var files = Files.list(store)) {
            assertEquals(2, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void givenImagesAdded_whenTheCatalogueRestarts_thenListGetAndFindSeeThemInModelAndVersionOrder()
            throws Exception {
        Path store = temp.resolve("firmware");
        FileFirmwareCatalog first = catalog(store);
        first.add(image("a", 10), "AX-200", "1.10", "");
        first.add(image("b", 11), "AX-200", "1.9", "");
        first.add(image("c", 12), "AX-100", "3.0", "3", "");

        FileFirmwareCatalog restarted = catalog(store);
        assertEquals("3", restarted.get("AX-100-3.0").orElseThrow().configFormat(),
                "the declared format survives a restart");

        List<String> ids = restarted.list().stream().map(FirmwareImage::id).toList();
        assertEquals(List.of("AX-100-3.0", "AX-200-1.9", "AX-200-1.10"), ids);
        assertEquals(11, restarted.get("AX-200-1.9").orElseThrow().size());
        assertEquals("AX-100-3.0", restarted.find("AX-100", "3.0").orElseThrow().id());
        assertTrue(restarted.find("AX-100", "9.9").isEmpty());
        assertTrue(restarted.get("../../etc/passwd").isEmpty());
    }

    @Test
    void givenAnAddedImage_whenItsFileIsTampered_thenVerifiedFileRefusesIt() throws Exception {
        FileFirmwareCatalog catalog = catalog(temp.resolve("firmware"));
        FirmwareImage added = catalog.add(image("fw.bin", 4096), "AX-200", "2.1.0", "");
        assertEquals("", added.configFormat(), "no configuration format declared");
        Path served = catalog.verifiedFile(added.id());
        assertEquals(added.sha256(), sha256(Files.readAllBytes(served)));

        byte[] content = Files.readAllBytes(served);
        content[100] ^= 1;
        Files.write(served, content);

        RepositoryException e = assertThrows(RepositoryException.class, () -> catalog.verifiedFile(added.id()));
        assertTrue(e.getMessage().startsWith("firmware AX-200-2.1.0 changed on disk since it was added: expected "
                + "SHA-256 " + added.sha256() + ", found " + sha256(content)), e.getMessage());
    }

    @Test
    void givenAVerifiedImage_whenVerifiedAgainUnchanged_thenItIsNotHashedAgain() throws Exception {
        FileFirmwareCatalog catalog = catalog(temp.resolve("firmware"));
        FirmwareImage added = catalog.add(image("fw.bin", 64 * 1024), "AX-200", "2.1.0", "");
        for (int i = 0; i < 5; i++) {
            catalog.verifiedFile(added.id());
        }
        assertEquals(1, catalog.hashes(), "one hash for five checks of an unchanged file");
    }

    @Test
    void givenAVerifiedImage_whenEditedInPlaceAndItsTimeSetBack_thenTheEditIsStillCaught() throws Exception {
        FileFirmwareCatalog catalog = catalog(temp.resolve("firmware"));
        FirmwareImage added = catalog.add(image("fw.bin", 4096), "AX-200", "2.1.0", "");
        Path served = catalog.verifiedFile(added.id());
        FileTime modified = Files.getLastModifiedTime(served);

        // same size, same modification time: only the status-change time (which cannot be set) tells
        byte[] content = Files.readAllBytes(served);
        content[7] ^= 1;
        Files.write(served, content);
        Files.setLastModifiedTime(served, modified);

        RepositoryException e = assertThrows(RepositoryException.class, () -> catalog.verifiedFile(added.id()));
        assertTrue(e.getMessage().contains("changed on disk since it was added"), e.getMessage());
        assertEquals(2, catalog.hashes());
    }

    @Test
    void givenARemovedImage_whenAddedAgainWithOtherContent_thenTheNewFileIsHashed() throws Exception {
        FileFirmwareCatalog catalog = catalog(temp.resolve("firmware"));
        FirmwareImage first = catalog.add(image("a.bin", 4096), "AX-200", "2.1.0", "");
        catalog.verifiedFile(first.id());
        catalog.remove(first.id());
        FirmwareImage second = catalog.add(image("b.bin", 4097), "AX-200", "2.1.0", "");

        Path served = catalog.verifiedFile(second.id());
        assertEquals(second.sha256(), sha256(Files.readAllBytes(served)));
        assertEquals(2, catalog.hashes());
    }

    @Test
    void givenAnUnknownOrLostImage_whenVerified_thenTheMessageSaysWhatToDo() throws Exception {
        FileFirmwareCatalog catalog = catalog(temp.resolve("firmware"));
        FirmwareImage added = catalog.add(image("fw.bin", 10), "AX-200", "2.1.0", "");
        Files.delete(temp.resolve("firmware").resolve("AX-200-2.1.0.bin"));

        assertTrue(assertThrows(RepositoryException.class, () -> catalog.verifiedFile(added.id()))
                .getMessage().contains("remove the image and add it again"));
        assertTrue(assertThrows(RepositoryException.class, () -> catalog.verifiedFile("nope-1"))
                .getMessage().contains("not in the catalogue"));
    }

    @Test
    void givenTheSameModelAndVersion_whenAddedTwice_thenTheSecondIsRefused() throws Exception {
        FileFirmwareCatalog catalog = catalog(temp.resolve("firmware"));
        catalog.add(image("a", 10), "AX-200", "2.1.0", "");

        RepositoryException e = assertThrows(RepositoryException.class,
                () -> catalog.add(image("b", 20), "AX-200", "2.1.0", ""));

        assertTrue(e.getMessage().contains("already in the catalogue"), e.getMessage());
        assertEquals(10, catalog.get("AX-200-2.1.0").orElseThrow().size());
    }

    @Test
    void givenBadInput_whenAdded_thenEachIsRefusedWithAClearMessage() throws Exception {
        FileFirmwareCatalog catalog = catalog(temp.resolve("firmware"));
        Path good = image("good", 10);

        assertTrue(assertThrows(RepositoryException.class,
                () -> catalog.add(image("empty", 0), "AX-200", "1.0", "")).getMessage().contains("is empty"));
        assertTrue(assertThrows(RepositoryException.class,
                () -> catalog.add(temp.resolve("missing"), "AX-200", "1.0", "")).getMessage()
                .contains("does not exist"));
        assertTrue(assertThrows(RepositoryException.class,
                () -> catalog.add(good, "../AX", "1.0", "")).getMessage().contains("model '../AX' is not allowed"));
        assertTrue(assertThrows(RepositoryException.class,
                () -> catalog.add(good, "AX", "1 0", "")).getMessage().contains("version '1 0' is not allowed"));
        assertTrue(assertThrows(RepositoryException.class,
                () -> catalog.add(good, "AX", "x".repeat(65), "")).getMessage().contains("not allowed"));
        assertTrue(catalog.list().isEmpty());
        try (var files = Files.list(temp.resolve("firmware"))) {
            assertEquals(0, files.count(), "refused images leave nothing behind");
        }
    }

    @Test
    void givenAnImage_whenRemoved_thenBothFilesAreGone() throws Exception {
        Path store = temp.resolve("firmware");
        FileFirmwareCatalog catalog = catalog(store);
        FirmwareImage added = catalog.add(image("a", 10), "AX-200", "2.1.0", "");

        assertTrue(catalog.remove(added.id()));
        assertFalse(catalog.remove(added.id()));

        assertFalse(Files.exists(store.resolve("AX-200-2.1.0.bin")));
        assertFalse(Files.exists(store.resolve("AX-200-2.1.0.properties")));
        assertTrue(catalog.get(added.id()).isEmpty());
    }

    @Test
    void givenAnImageAJobNeeds_whenRemoved_thenItIsRefusedUntilTheJobLetsGo() throws Exception {
        FileFirmwareCatalog catalog = catalog(temp.resolve("firmware"));
        FirmwareImage added = catalog.add(image("a", 10), "AX-200", "2.1.0", "");
        AtomicBoolean inUse = new AtomicBoolean(true);
        org.uplift.api.repository.RepositoryUsage usage = new org.uplift.api.repository.RepositoryUsage() {
            @Override
            public boolean firmwareInUse(String firmwareId) {
                return inUse.get() && firmwareId.equals(added.id());
            }
        };
        catalog.addUsage(usage);

        RepositoryException refused = assertThrows(RepositoryException.class, () -> catalog.remove(added.id()));
        assertTrue(refused.getMessage().contains("still needs it"), refused.getMessage());
        assertTrue(catalog.get(added.id()).isPresent());

        inUse.set(false);
        assertTrue(catalog.remove(added.id()));
    }
}
