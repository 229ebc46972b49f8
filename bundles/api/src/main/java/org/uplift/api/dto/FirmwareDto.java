package org.uplift.api.dto;

import java.time.Instant;

import org.uplift.api.repository.FirmwareImage;

/**
 * A firmware image of the catalogue.
 *
 * @param id           the catalogue id
 * @param model        the model it is for
 * @param version      the software version it installs
 * @param size         its size in bytes
 * @param sha256       its SHA-256, lower-case hex
 * @param addedAt      when it was added
 * @param configFormat the configuration format its software uses, or empty
 * @param releaseNotes free text, may be empty
 * @since 0.4
 */
public record FirmwareDto(String id, String model, String version, long size, String sha256, Instant addedAt,
        String configFormat, String releaseNotes) {

    public static FirmwareDto of(FirmwareImage f) {
        return new FirmwareDto(f.id(), f.model(), f.version(), f.size(), f.sha256(), f.addedAt(), f.configFormat(),
                f.releaseNotes());
    }
}
