package org.uplift.migration.iad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.uplift.migration.config.ConfigLine;

/**
 * Regroups format 1's single {@code [protocol]} section into one {@code [protocol <name>]} section
 * per protocol, as format 2 has it: {@code protocol.<name>.<parameter>} becomes {@code <parameter>}
 * in {@code [protocol <name>]}. Any other entry in {@code [protocol]} is not Uplift's to move: such
 * entries stay, in their order, in a {@code [protocol]} section of their own ahead of the new ones.
 * Comments and blank lines go with the entry they follow; those ahead of every entry stay ahead.
 */
final class ProtocolSplit {

    private ConfigLine header;
    private int at = -1;
    private final List<ConfigLine> kept = new ArrayList<>();
    private boolean keepsEntries;
    private final Map<String, List<ConfigLine>> protocols = new LinkedHashMap<>();
    private List<ConfigLine> current = kept;
    private boolean unterminated;

    /** Takes one line of {@code [protocol]}, its header included; {@code out} is where the section would go. */
    void collect(ConfigLine line, List<ConfigLine> out) {
        unterminated = line.eol().isEmpty();
        switch (line.kind()) {
            case SECTION -> {
                header = line;
                at = out.size();
            }
            case ENTRY -> {
                Matcher entry = FormatRules.PROTOCOL_ENTRY.matcher(line.key());
                if (entry.matches()) {
                    current = protocols.computeIfAbsent(entry.group(1), name -> new ArrayList<>());
                    current.add(line.withEntry(entry.group(2), line.value()));
                } else {
                    current = kept;
                    kept.add(line);
                    keepsEntries = true;
                }
            }
            default -> current.add(line);
        }
    }

    /** Puts the regrouped section where {@code [protocol]} was. */
    void insertInto(List<ConfigLine> out) {
        if (header == null) {
            return;
        }
        String eol = header.eol().isEmpty() ? "\n" : header.eol();
        List<ConfigLine> lines = new ArrayList<>();
        if (keepsEntries) {
            lines.add(header);
        }
        lines.addAll(kept);
        protocols.forEach((name, entries) -> {
            lines.add(new ConfigLine(ConfigLine.Kind.SECTION, "[protocol " + name + "]", eol));
            lines.addAll(entries);
        });
        // the document's last line may have had no terminator and may now be followed by others
        lines.replaceAll(l -> l.eol().isEmpty() ? l.withEol(eol) : l);
        if (unterminated && !lines.isEmpty()) {
            lines.set(lines.size() - 1, lines.get(lines.size() - 1).withEol(""));
        }
        out.addAll(at, lines);
    }
}
