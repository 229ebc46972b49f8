package org.uplift.repository.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.RepositoryUsage;
import org.uplift.repository.storage.AtomicFiles;
import org.uplift.repository.storage.Names;
import org.uplift.repository.storage.Sha256;
import org.uplift.repository.storage.StorageLocation;
import org.uplift.repository.usage.Usages;

/**
 * Firmware images as files in one directory: {@code <id>.bin} and its metadata {@code <id>.properties}.
 * The metadata file is written last, so an image exists only once its file is complete.
 */
@Component(service = FirmwareCatalog.class, configurationPid = FileFirmwareCatalog.PID)
@Designate(ocd = FileFirmwareCatalog.Config.class)
public class FileFirmwareCatalog implements FirmwareCatalog {

    static final String PID = "org.uplift.firmware";

    private static final Logger LOG = LoggerFactory.getLogger(FileFirmwareCatalog.class);
    private static final String IMAGE = ".bin";
    private static final String METADATA = ".properties";

    @ObjectClassDefinition(name = "Uplift firmware catalogue", description = "Where Uplift keeps the firmware images it can install")
    public @interface Config {
        @AttributeDefinition(name = "Directory", description = "Folder of the images and their metadata; empty means ${karaf.data}/uplift/firmware")
        String directory() default "";
    }

    private final Path directory;
    private final Clock clock;
    private final Usages usages = new Usages();
    private final VerifiedStamps verified = new VerifiedStamps();
    /** How many times an image file was hashed to verify it (a test reads it). */
    private final AtomicLong hashes = new AtomicLong();

    /** Jobs and campaigns that still need images (whiteboard); bound while the catalogue runs. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUsage(RepositoryUsage usage) {
        usages.add(usage);
    }

    void removeUsage(RepositoryUsage usage) {
        usages.remove(usage);
    }

    @Activate
    public FileFirmwareCatalog(Config config) throws IOException {
        this(StorageLocation.resolve(config.directory(), "firmware"), Clock.systemUTC());
    }

    FileFirmwareCatalog(Path directory, Clock clock) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.clock = clock;
        LOG.info("Firmware catalogue in {}", directory);
    }

    @Override
    public FirmwareImage add(Path source, String model, String version, String releaseNotes)
            throws RepositoryException {
        return add(source, model, version, "", releaseNotes);
    }

    @Override
    public synchronized FirmwareImage add(Path source, String model, String version, String configFormat,
            String releaseNotes) throws RepositoryException {
        checkName("model", model);
        if (configFormat != null && !configFormat.isEmpty()) {
            checkName("configuration format", configFormat);
        }
        checkName("version", version);
        String id = FirmwareImage.idOf(model, version);
        if (Files.exists(metadataFile(id))) {
            throw new RepositoryException("firmware " + id + " is already in the catalogue; remove it first"
                    + " or add the image under another version");
        }
        checkSource(source, id);
        AtomicFiles.Copied copied = copyIn(source, id);
        FirmwareImage image = new FirmwareImage(id, model, version, copied.size(), copied.sha256(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), releaseNotes == null ? "" : releaseNotes, configFormat);
        try {
            FirmwareRecord.write(metadataFile(id), image);
        } catch (IOException e) {
            deleteQuietly(imageFile(id));
            throw new RepositoryException("cannot write the metadata of firmware " + id + " in " + directory
                    + ": " + e.getMessage() + "; check the folder's free space and permissions", e);
        }
        LOG.info("Added firmware {} ({} bytes, SHA-256 {})", id, image.size(), image.sha256());
        return image;
    }

    @Override
    public List<FirmwareImage> list() {
        List<FirmwareImage> images = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + METADATA)) {
            for (Path file : files) {
                if (!AtomicFiles.isTemporary(file)) {
                    readRecord(file).ifPresent(images::add);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the firmware catalogue in {}: {}", directory, e.getMessage());
        }
        images.sort(Comparator.comparing(FirmwareImage::model)
                .thenComparing(FirmwareImage::version, VersionOrder.INSTANCE));
        return images;
    }

    @Override
    public Optional<FirmwareImage> get(String id) {
        if (!Names.isFirmwareId(id)) {
            return Optional.empty();
        }
        Path file = metadataFile(id);
        return Files.exists(file) ? readRecord(file) : Optional.empty();
    }

    @Override
    public Optional<FirmwareImage> find(String model, String version) {
        if (!Names.isModelOrVersion(model) || !Names.isModelOrVersion(version)) {
            return Optional.empty();
        }
        // ids can collide ("a-b" + "c" and "a" + "b-c"), so check the recorded model and version too
        return get(FirmwareImage.idOf(model, version))
                .filter(image -> image.model().equals(model) && image.version().equals(version));
    }

    @Override
    public Path verifiedFile(String id) throws RepositoryException {
        FirmwareImage image = get(id).orElseThrow(() -> new RepositoryException(
                "firmware " + id + " is not in the catalogue; list the catalogue for the available images"));
        Path file = imageFile(id);
        String actual;
        VerifiedStamps.Stamp stamp;
        try {
            // the stamp before the read: a write during the hash changes it, so that state is never taken as good
            stamp = VerifiedStamps.of(file);
            if (verified.known(image, stamp)) {
                return file;
            }
            hashes.incrementAndGet();
            actual = Sha256.of(file);
        } catch (NoSuchFileException e) {
            throw new RepositoryException("firmware " + id + " has lost its file " + file
                    + "; remove the image and add it again", e);
        } catch (IOException e) {
            throw new RepositoryException("cannot read firmware " + id + " from " + file + ": " + e.getMessage(), e);
        }
        if (!actual.equals(image.sha256())) {
            throw new RepositoryException("firmware " + id + " changed on disk since it was added: expected SHA-256 "
                    + image.sha256() + ", found " + actual + "; remove the image and add a good copy again");
        }
        verified.remember(image, stamp);
        return file;
    }

    /** How many times an image file has been hashed by {@link #verifiedFile}. */
    long hashes() {
        return hashes.get();
    }

    @Override
    public synchronized boolean remove(String id) throws RepositoryException {
        if (!Names.isFirmwareId(id)) {
            return false;
        }
        if (Files.exists(metadataFile(id)) && usages.firmwareInUse(id)) {
            throw new RepositoryException("firmware " + id + " is not removed: a job or campaign still needs it;"
                    + " remove it once they have finished or been cancelled");
        }
        try {
            // metadata first: a half-removed image must not be listed
            boolean existed = Files.deleteIfExists(metadataFile(id));
            Files.deleteIfExists(imageFile(id));
            verified.forget(id);
            if (existed) {
                LOG.info("Removed firmware {}", id);
            }
            return existed;
        } catch (IOException e) {
            throw new RepositoryException("cannot remove firmware " + id + " from " + directory + ": "
                    + e.getMessage() + "; check the folder's permissions", e);
        }
    }

    private static void checkName(String what, String value) throws RepositoryException {
        if (!Names.isModelOrVersion(value)) {
            throw new RepositoryException("firmware " + what + " '" + value + "' is not allowed: use 1-64 characters"
                    + " of A-Z a-z 0-9 . _ -");
        }
    }

    private static void checkSource(Path source, String id) throws RepositoryException {
        if (source == null || !Files.exists(source)) {
            throw new RepositoryException("cannot add firmware " + id + ": the file " + source
                    + " does not exist; check the path");
        }
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new RepositoryException("cannot add firmware " + id + ": " + source
                    + " is not a readable file; check the path and its permissions");
        }
    }

    private AtomicFiles.Copied copyIn(Path source, String id) throws RepositoryException {
        try (InputStream in = Files.newInputStream(source)) {
            return AtomicFiles.copy(in, imageFile(id), copied -> {
                if (copied.size() == 0) {
                    throw new EmptyImage();
                }
            });
        } catch (EmptyImage e) {
            throw new RepositoryException("cannot add firmware " + id + ": " + source
                    + " is empty; check that the download of the image completed");
        } catch (IOException e) {
            throw new RepositoryException("cannot copy " + source + " into the firmware catalogue " + directory
                    + ": " + e.getMessage() + "; check the folder's free space and permissions", e);
        }
    }

    private Optional<FirmwareImage> readRecord(Path file) {
        try {
            return Optional.of(FirmwareRecord.read(file));
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable firmware metadata {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Path imageFile(String id) {
        return directory.resolve(id + IMAGE);
    }

    private Path metadataFile(String id) {
        return directory.resolve(id + METADATA);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }

    /** Signals out of the copy callback that the source was empty. */
    private static final class EmptyImage extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
