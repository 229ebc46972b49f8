package org.uplift.repository.storage;

import java.util.regex.Pattern;

/** Which names may become file or folder names in the stores. */
public final class Names {

    /** Firmware model and version. */
    private static final Pattern MODEL_OR_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The same rule as {@code org.uplift.api.device.Device}. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Catalogue ids are model-version. */
    private static final Pattern FIRMWARE_ID = Pattern.compile("[A-Za-z0-9._-]{1,129}");

    private Names() {
    }

    public static boolean isModelOrVersion(String value) {
        return value != null && MODEL_OR_VERSION.matcher(value).matches();
    }

    public static boolean isFirmwareId(String value) {
        return value != null && FIRMWARE_ID.matcher(value).matches() && !onlyDots(value);
    }

    /** Device's own rule admits "." and "..", which must never become folder names. */
    public static boolean isDeviceId(String value) {
        return value != null && DEVICE_ID.matcher(value).matches() && !onlyDots(value);
    }

    private static boolean onlyDots(String value) {
        return value.chars().allMatch(c -> c == '.');
    }
}
