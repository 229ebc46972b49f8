package org.uplift.api.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a campaign has got by the end of a wave: a number of devices ({@code 1}) or a share of the
 * campaign's devices ({@code 10%}). Sizes are cumulative: {@code 1,10%,100%} upgrades one device, then
 * up to 10% of the devices, then the rest.
 *
 * @param value   a device count (at least 1) or a percentage (1 to 100)
 * @param percent {@code true} if {@code value} is a percentage
 * @since 0.1
 */
public record WaveSize(int value, boolean percent) {

    /** One wave with every device. */
    public static final List<WaveSize> ALL_AT_ONCE = List.of(new WaveSize(100, true));

    public WaveSize {
        if (value < 1 || (percent && value > 100)) {
            throw new IllegalArgumentException(
                    "a wave size is a device count of at least 1 or a percentage 1%-100%, got "
                            + value + (percent ? "%" : ""));
        }
    }

    /**
     * Parses a comma-separated list such as {@code "1,10%,100%"}.
     *
     * @throws IllegalArgumentException with a message for an operator if a size is not a count or a percentage
     */
    public static List<WaveSize> parseAll(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("waves must be sizes separated by commas, e.g. 1,10%,100%");
        }
        List<WaveSize> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            sizes.add(parse(part));
        }
        return List.copyOf(sizes);
    }

    /** Parses one size: {@code "5"} or {@code "25%"}. */
    public static WaveSize parse(String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        String number = percent ? t.substring(0, t.length() - 1).trim() : t;
        try {
            return new WaveSize(Integer.parseInt(number), percent);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "a wave size is a device count (5) or a percentage (25%), got '" + t + "'");
        }
    }

    /** The cumulative device count this size stands for in a campaign of {@code devices} devices (a share is rounded up). */
    public int upTo(int devices) {
        long n = percent ? ((long) devices * value + 99) / 100 : value;
        return (int) Math.min(devices, n);
    }

    /** Joins sizes back into the form {@link #parseAll} reads. */
    public static String format(List<WaveSize> sizes) {
        return String.join(",", sizes.stream().map(WaveSize::toString).toList());
    }

    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
