package org.uplift.api.repository;

import java.time.Instant;

/**
 * A firmware image in the catalogue.
 *
 * @param id           catalogue id, derived from model and version
 * @param model        the device model the image is for
 * @param version      the software version the image installs
 * @param size         size in bytes
 * @param sha256       SHA-256 of the file, lower-case hex, computed when added
 * @param addedAt      when it was added
 * @param releaseNotes free text, may be empty
 * @param configFormat the configuration format version the software uses, or empty if not declared
 * @since 0.1
 */
public record FirmwareImage(String id, String model, String version, long size, String sha256,
        Instant addedAt, String releaseNotes, String configFormat) {

    public FirmwareImage {
        configFormat = configFormat == null ? "" : configFormat;
    }

    /** The catalogue id of a model's version. */
    public static String idOf(String model, String version) {
        return model + "-" + version;
    }
}
