package org.uplift.migration.iad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.uplift.migration.config.ConfigLine;

/**
 * A format 1 configuration generated from a seed (same seed, same bytes), with keys and sections
 * Uplift does not know sprinkled among the ones it does, and what migrating it to format 3 must
 * give: every line outside the protocol sections in order, converted or unchanged, and the protocol
 * sections' entries. Values of unknown entries are padded so the text reaches a byte size.
 */
final class GeneratedConfig {

    private static final String[] PROTOCOLS = {"sip", "mgcp", "h248"};
    private static final String[] PADS = {"", "", "", " ", "\t"};
    private static final String FILLER = "abcdefghijklmnopqrstuvwxyz0123456789 ._-:/";

    /** The format 1 lines, as generated. */
    final List<ConfigLine> v1 = new ArrayList<>();
    /** The lines migration to format 3 must give outside {@code [protocol]} and {@code [protocol <name>]}, in order. */
    final List<ConfigLine> v3OutsideProtocols = new ArrayList<>();
    /** Lines Uplift does not know (unknown keys, all of unknown sections, comments outside [protocol]), in order. */
    final List<ConfigLine> unknown = new ArrayList<>();
    /** Format 3's {@code [protocol <name>]} sections: parameter to value, in order. */
    final Map<String, Map<String, String>> v3Protocols = new LinkedHashMap<>();
    /** Entries of {@code [protocol]} that are not {@code protocol.<name>.<parameter>}, in order. */
    final List<ConfigLine> keptProtocolEntries = new ArrayList<>();
    /** Comments and blank lines of {@code [protocol]}: they go with the entry they follow, so only their number is fixed. */
    final List<ConfigLine> protocolComments = new ArrayList<>();

    private final SplittableRandom random;
    private final String eol;
    private final int filler;
    private int counter;

    private GeneratedConfig(long seed, String eol, int filler) {
        this.random = new SplittableRandom(seed);
        this.eol = eol;
        this.filler = filler;
    }

    /**
     * About {@code lines} lines (at least) and at least {@code minBytes} bytes; {@code eol} ends every
     * line, except the last when {@code finalNewline} is false.
     */
    static GeneratedConfig of(long seed, int lines, int minBytes, String eol, boolean finalNewline) {
        // about 40% of the lines are unknown entries; their padding carries the size
        GeneratedConfig g = new GeneratedConfig(seed, eol, Math.max(8, 5 * (minBytes / 2) / lines));
        g.generate(lines, finalNewline);
        return g;
    }

    String text() {
        StringBuilder b = new StringBuilder();
        v1.forEach(l -> b.append(l.text()).append(l.eol()));
        return b.toString();
    }

    private void generate(int lines, boolean finalNewline) {
        int section = lines / 10;
        same("# generated configuration, seed-determined", true);
        known("format=1", "format=3");
        same("x-site.id = " + fill(), true);
        same("", true);
        unknownSection("inventory", section);
        user(section * 3 / 2);
        unknownSection("protocol SIP", section / 2); // not [protocol <name>]: names are lower case
        port(section * 3 / 2);
        unknownSection("dial-plan", section);
        protocols(section * 2);
        unknownSection("qos", section);
        defaults(section / 2);
        unknownSection("vendor.acme", section);
        ConfigLine last = new ConfigLine(ConfigLine.Kind.COMMENT, "# end", finalNewline ? eol : "");
        v1.add(last);
        v3OutsideProtocols.add(last);
        unknown.add(last);
    }

    private void user(int budget) {
        header("user");
        for (int u = 1, start = v1.size(); v1.size() - start < budget; u++) {
            entry("user." + u + ".name", "subscriber." + u + ".name", "name-" + u, "name-" + u);
            entry("user." + u + ".phone", "subscriber." + u + ".phone", "+1-555-" + u, "+1-555-" + u);
            sprinkle("user." + u + ".email", "vendor-user-flag");
        }
    }

    private void port(int budget) {
        header("port");
        for (int p = 1, start = v1.size(); v1.size() - start < budget; p++) {
            String type = random.nextBoolean() ? "fxs" : "fxo";
            entry("port." + p + ".name", "port." + p + ".name", type + p, type + "-0/" + p);
            boolean enabled = random.nextBoolean();
            entry("port." + p + ".enabled", "port." + p + ".admin-state", Boolean.toString(enabled),
                    enabled ? "up" : "down");
            sprinkle("port." + p + ".gain", "port." + p + ".impedance");
        }
    }

    /** Entries of the protocols interleaved at random, with unknown entries, comments and blank lines between. */
    private void protocols(int budget) {
        v1.add(line(ConfigLine.Kind.SECTION, "[protocol]")); // format 3 has it only for the entries naming no protocol
        protocolLine(ConfigLine.Kind.COMMENT, "# carrier core");
        for (int i = 0; i < budget; i++) {
            int pick = random.nextInt(20);
            if (pick < 2 || i == budget / 2) {
                ConfigLine line = line(ConfigLine.Kind.ENTRY, "dscp." + (++counter) + "=" + fill());
                v1.add(line);
                keptProtocolEntries.add(line);
                unknown.add(line);
            } else if (pick < 4) {
                protocolLine(pick == 2 ? ConfigLine.Kind.COMMENT : ConfigLine.Kind.BLANK,
                        pick == 2 ? "# note " + i : "");
            } else {
                String protocol = PROTOCOLS[random.nextInt(PROTOCOLS.length)];
                Map<String, String> v3 = v3Protocols.computeIfAbsent("protocol " + protocol,
                        k -> new LinkedHashMap<>());
                String name = letters(++counter);
                if (pick < 12) {
                    String timer = "keepalive-" + name + (pick % 2 == 0 ? "-interval" : "-timeout");
                    long seconds = 1 + random.nextInt(86_400);
                    v1.add(line(ConfigLine.Kind.ENTRY, "protocol." + protocol + "." + timer + "=" + seconds));
                    v3.put(timer + "-ms", Long.toString(seconds * 1000));
                } else {
                    // protocol entries Uplift knows only by their place: moved, not converted
                    String parameter = pick < 16 ? "peer-" + name : "x.custom." + counter;
                    String value = "value " + counter;
                    v1.add(line(ConfigLine.Kind.ENTRY, "protocol." + protocol + "." + parameter + " = " + value));
                    v3.put(parameter, value);
                }
            }
        }
    }

    private void defaults(int budget) {
        header("default");
        known("default.country=de", "default.country=de");
        known("default.tone-profile=etsi", "default.tone-profile=etsi");
        for (int start = v1.size(); v1.size() - start < budget;) {
            sprinkle("default.ring-cadence", "default.x-" + letters(counter));
        }
    }

    /** A section Uplift does not know, with keys that look like ones it converts elsewhere: none may change. */
    private void unknownSection(String name, int budget) {
        same("[" + name + "]", true);
        same("format=9", true);
        String[] lookalikes = {"flush-%1$s-interval=5", "port.%2$d.name=fxs1", "port.%2$d.enabled=true",
                "user.%2$d.name=x", "protocol.sip.keepalive-%1$s-interval=60", "session-%1$s-timeout=abc"};
        for (int start = v1.size(), i = 0; v1.size() - start < budget; i++) {
            if (i % 10 == 0) {
                String lookalike = lookalikes[i / 10 % lookalikes.length];
                same(String.format(lookalike, letters(++counter), counter), true);
            } else {
                sprinkle("rule." + (++counter), "rule." + (++counter) + ".route");
            }
        }
    }

    /** Between known entries: maybe an unknown entry (one of two key shapes), a comment or a blank line. */
    private void sprinkle(String unknownKey, String otherUnknownKey) {
        int pick = random.nextInt(10);
        if (pick < 6) {
            String key = pick < 3 ? unknownKey : otherUnknownKey;
            same(pad() + key + "." + (++counter) + pad() + "=" + pad() + fill(), true);
        } else if (pick < 8) {
            same("# comment " + (++counter), true);
        } else if (pick < 9) {
            same("", true);
        }
    }

    private void header(String name) {
        known("[" + name + "]", "[" + name + "]");
    }

    /** A known entry, written with random blanks that its conversion keeps. */
    private void entry(String key1, String key3, String value1, String value3) {
        String lead = pad();
        String beforeEq = pad();
        String afterEq = pad();
        known(lead + key1 + beforeEq + "=" + afterEq + value1, lead + key3 + beforeEq + "=" + afterEq + value3);
    }

    private void known(String v1Text, String v3Text) {
        v1.add(line(kind(v1Text), v1Text));
        v3OutsideProtocols.add(line(kind(v3Text), v3Text));
    }

    private void same(String text, boolean isUnknown) {
        ConfigLine line = line(kind(text), text);
        v1.add(line);
        v3OutsideProtocols.add(line);
        if (isUnknown) {
            unknown.add(line);
        }
    }

    private void protocolLine(ConfigLine.Kind kind, String text) {
        ConfigLine line = line(kind, text);
        v1.add(line);
        protocolComments.add(line);
    }

    private ConfigLine line(ConfigLine.Kind kind, String text) {
        return new ConfigLine(kind, text, eol);
    }

    private static ConfigLine.Kind kind(String text) {
        String s = text.strip();
        return s.isEmpty() ? ConfigLine.Kind.BLANK
                : s.startsWith("#") ? ConfigLine.Kind.COMMENT
                        : s.startsWith("[") ? ConfigLine.Kind.SECTION : ConfigLine.Kind.ENTRY;
    }

    private String pad() {
        return PADS[random.nextInt(PADS.length)];
    }

    /** A value of about {@code filler} characters, never blank at its ends. */
    private String fill() {
        StringBuilder b = new StringBuilder("v").append(++counter).append('-');
        int length = filler / 2 + random.nextInt(filler + 1);
        for (int i = 0; i < length; i++) {
            b.append(FILLER.charAt(random.nextInt(FILLER.length())));
        }
        return b.append('.').toString();
    }

    /** {@code n} in letters (a, b, ..., z, ba, ...): timer names may not hold digits. */
    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        do {
            b.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return b.reverse().toString();
    }
}
