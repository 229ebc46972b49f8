package org.uplift.shell;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;

/** Checks of option values that several commands share, each failing with one line that names the option. */
final class OptionChecks {

    private OptionChecks() {
    }

    /** Parses an option's value; a refusal is prefixed with the option's name. */
    static <T> T parse(String option, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a version no image in the catalogue has, before anything is started. Without a catalogue (an
     * optional reference) nothing is checked here: the service refuses an unknown version itself.
     */
    static void requireFirmwareVersion(FirmwareCatalog catalog, String version) {
        if (catalog == null) {
            return;
        }
        List<FirmwareImage> images = catalog.list();
        if (images.stream().noneMatch(i -> i.version().equals(version))) {
            List<String> known = images.stream().map(FirmwareImage::version).distinct().sorted().toList();
            throw new IllegalArgumentException("no firmware version " + version + " in the catalogue ("
                    + (known.isEmpty() ? "it is empty" : "it has " + String.join(", ", known))
                    + "); add an image with uplift:firmware-add");
        }
    }

    /** The --timeout of a --follow: how long to follow, {@code null} for no limit (0). */
    static Duration followLimit(int timeoutSeconds) {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException(
                    "--timeout is a number of seconds, 0 for no limit; got " + timeoutSeconds);
        }
        return timeoutSeconds == 0 ? null : Duration.ofSeconds(timeoutSeconds);
    }
}
