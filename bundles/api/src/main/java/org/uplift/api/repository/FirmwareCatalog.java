package org.uplift.api.repository;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The firmware images Uplift can install, stored on disk with their SHA-256.
 *
 * @since 0.1
 */
@ProviderType
public interface FirmwareCatalog {

    /**
     * Copies an image file into the catalogue and records its SHA-256.
     *
     * @throws RepositoryException if the file cannot be read, is empty, or the model's version exists
     */
    FirmwareImage add(Path source, String model, String version, String releaseNotes) throws RepositoryException;

    /**
     * As {@link #add(Path, String, String, String)}, also recording the configuration format version
     * the software uses, so a job can check before it starts that a migration chain reaches it.
     *
     * @since 0.2
     */
    FirmwareImage add(Path source, String model, String version, String configFormat, String releaseNotes)
            throws RepositoryException;

    /** All images, ordered by model then version. */
    List<FirmwareImage> list();

    /** The image with this catalogue id. */
    Optional<FirmwareImage> get(String id);

    /** The image of this model and version. */
    Optional<FirmwareImage> find(String model, String version);

    /**
     * The image's file after checking its SHA-256 again, for serving to a device.
     *
     * @throws RepositoryException if the image is unknown or its file changed on disk since it was added
     */
    Path verifiedFile(String id) throws RepositoryException;

    /**
     * Removes an image; {@code false} if there was none.
     *
     * @throws RepositoryException if a job or campaign still needs it ({@link RepositoryUsage}) or the file
     *                             cannot be deleted
     */
    boolean remove(String id) throws RepositoryException;
}
