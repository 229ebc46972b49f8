package org.uplift.migration.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An IAD configuration: {@code key=value} entries at the top (such as {@code format=1}) and in
 * {@code [section]} blocks, with {@code #} comments and blank lines. It holds the four kinds of data
 * of docs/design.md#configuration-data (user, port, protocol parameter and default parameter data) in sections named after
 * them. Parsing then writing gives back the same bytes.
 */
public final class ConfigDocument {

    /** Key of the top-level entry that names the format version. */
    public static final String FORMAT_KEY = "format";

    private final List<ConfigLine> lines;

    private ConfigDocument(List<ConfigLine> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * Parses UTF-8 bytes. Bytes that are not UTF-8 are refused rather than replaced, which would
     * change the configuration when it is written back.
     */
    public static ConfigDocument parse(byte[] bytes) throws ConfigSyntaxException {
        return parse(utf8(bytes));
    }

    private static String utf8(byte[] bytes) throws ConfigSyntaxException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ConfigSyntaxException(line, "not UTF-8 (byte " + in.position() + ")");
        }
        return out.flip().toString();
    }

    public static ConfigDocument parse(String text) throws ConfigSyntaxException {
        List<ConfigLine> lines = splitLines(text);
        checkUnique(lines);
        return new ConfigDocument(lines);
    }

    private static List<ConfigLine> splitLines(String text) throws ConfigSyntaxException {
        List<ConfigLine> lines = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < text.length()) {
            number++;
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String eol = nl < 0 ? "" : "\n";
            if (end > start && text.charAt(end - 1) == '\r' && nl >= 0) {
                end--;
                eol = "\r\n";
            }
            lines.add(classify(text.substring(start, end), eol, number));
            start = nl < 0 ? text.length() : nl + 1;
        }
        return lines;
    }

    /** A key twice in one section, or a section twice, is ambiguous: which value would the device use? */
    private static void checkUnique(List<ConfigLine> lines) throws ConfigSyntaxException {
        Map<String, Integer> sectionLines = new HashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            ConfigLine l = lines.get(i);
            if (l.kind() == ConfigLine.Kind.SECTION) {
                section = l.sectionName();
                Integer first = sectionLines.putIfAbsent(section, i + 1);
                if (first != null) {
                    throw new ConfigSyntaxException(i + 1,
                            "section [" + section + "] already started on line " + first);
                }
            } else if (l.kind() == ConfigLine.Kind.ENTRY) {
                Integer first = keyLines.putIfAbsent(section + "\0" + l.key(), i + 1);
                if (first != null) {
                    throw new ConfigSyntaxException(i + 1, "key '" + l.key() + "' already set on line " + first
                            + (section.isEmpty() ? "" : " in section [" + section + "]"));
                }
            }
        }
    }

    private static ConfigLine classify(String text, String eol, int number) throws ConfigSyntaxException {
        String s = text.strip();
        if (text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0) {
            throw new ConfigSyntaxException(number, "control character in line");
        }
        if (s.isEmpty()) {
            return new ConfigLine(ConfigLine.Kind.BLANK, text, eol);
        }
        if (s.startsWith("#")) {
            return new ConfigLine(ConfigLine.Kind.COMMENT, text, eol);
        }
        if (s.startsWith("[")) {
            if (!s.endsWith("]") || s.length() < 3 || s.substring(1, s.length() - 1).isBlank()) {
                throw new ConfigSyntaxException(number, "section header must be [name], got '" + s + "'");
            }
            return new ConfigLine(ConfigLine.Kind.SECTION, text, eol);
        }
        int eq = s.indexOf('=');
        if (eq <= 0) {
            throw new ConfigSyntaxException(number, "expected key=value, [section] or # comment, got '" + s + "'");
        }
        return new ConfigLine(ConfigLine.Kind.ENTRY, text, eol);
    }

    /** Writes the document back; unchanged documents give the bytes they were parsed from. */
    public String write() {
        int length = 0;
        for (ConfigLine l : lines) {
            length += l.text().length() + l.eol().length();
        }
        StringBuilder b = new StringBuilder(length);
        for (ConfigLine l : lines) {
            b.append(l.text()).append(l.eol());
        }
        return b.toString();
    }

    public byte[] toBytes() {
        return write().getBytes(StandardCharsets.UTF_8);
    }

    public List<ConfigLine> lines() {
        return lines;
    }

    /** The format version named by the top-level {@code format=} entry. */
    public Optional<String> format() {
        for (ConfigLine l : lines) {
            if (l.kind() == ConfigLine.Kind.SECTION) {
                break; // only the top holds it; no need to look at the (possibly huge) rest
            }
            if (l.kind() == ConfigLine.Kind.ENTRY && l.key().equals(FORMAT_KEY)) {
                return Optional.of(l.value());
            }
        }
        return Optional.empty();
    }

    /** Entries by section ({@code ""} for the top), in document order. */
    public Map<String, Map<String, String>> sections() {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String current = "";
        sections.put(current, new LinkedHashMap<>());
        for (ConfigLine l : lines) {
            if (l.kind() == ConfigLine.Kind.SECTION) {
                current = l.sectionName();
                sections.computeIfAbsent(current, k -> new LinkedHashMap<>());
            } else if (l.kind() == ConfigLine.Kind.ENTRY) {
                sections.get(current).put(l.key(), l.value());
            }
        }
        return sections;
    }

    /**
     * A new document from edited lines, held to the rules of a parsed one: no key twice in a section,
     * no section twice. The line numbers of an error are those of {@code lines}.
     *
     * @throws IllegalArgumentException if a line other than the last has no terminator, which would
     *         join it to the next line when written (a bug of the editor, not of the configuration)
     */
    public static ConfigDocument of(List<ConfigLine> lines) throws ConfigSyntaxException {
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).eol().isEmpty()) {
                throw new IllegalArgumentException("line " + (i + 1) + " of " + lines.size() + " has no terminator");
            }
        }
        checkUnique(lines);
        return new ConfigDocument(lines);
    }
}
