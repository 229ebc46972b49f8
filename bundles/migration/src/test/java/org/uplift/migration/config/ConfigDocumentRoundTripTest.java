package org.uplift.migration.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Parse then write gives the same bytes, for any well-formed configuration. */
class ConfigDocumentRoundTripTest {

    /** A generated document: its text and the entries it must yield per section. */
    record Generated(String text, Map<String, Map<String, String>> entries) {
    }

    @Property(tries = 300)
    void parseThenWriteGivesTheSameText(@ForAll("documents") Generated doc) throws Exception {
        assertEquals(doc.text(), ConfigDocument.parse(doc.text()).write());
    }

    @Property(tries = 300)
    void parsingFindsEveryGeneratedEntry(@ForAll("documents") Generated doc) throws Exception {
        Map<String, Map<String, String>> parsed = ConfigDocument.parse(doc.text()).sections();
        doc.entries().forEach((section, entries) -> assertEquals(entries, parsed.get(section), section));
    }

    @Provide
    Arbitrary<Generated> documents() {
        Arbitrary<String> eol = Arbitraries.of("\n", "\r\n");
        Arbitrary<String> pad = Arbitraries.of("", " ", "\t");
        Arbitrary<String> key = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-', '_').ofMinLength(1)
                .ofMaxLength(12).filter(k -> Character.isLetter(k.charAt(0)));
        Arbitrary<String> value = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20).map(String::strip);
        Arbitrary<String> comment = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20).map(c -> "#" + c);
        Arbitrary<List<String[]>> entries = Combinators.combine(key, value, pad, pad)
                .as((k, v, p1, p2) -> new String[]{k, v, p1, p2}).list().ofMaxSize(6)
                .uniqueElements(e -> e[0]);
        Arbitrary<String> sectionName = Arbitraries.of("user", "port", "protocol", "protocol sip", "protocol mgcp",
                "default");
        return Combinators.combine(sectionName.list().uniqueElements().ofMaxSize(5), entries.list().ofSize(6),
                comment.list().ofSize(6), eol, Arbitraries.of(true, false))
                .as(ConfigDocumentRoundTripTest::render);
    }

    private static Generated render(List<String> sections, List<List<String[]>> entries, List<String> comments,
            String eol, boolean finalNewline) {
        StringBuilder b = new StringBuilder(comments.get(5)).append(eol);
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(List.of(""));
        names.addAll(sections);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!name.isEmpty()) {
                b.append('[').append(name).append(']').append(eol);
            }
            Map<String, String> section = new LinkedHashMap<>();
            for (String[] e : entries.get(i)) {
                b.append(e[2]).append(e[0]).append(e[3]).append('=').append(e[1]).append(eol);
                section.put(e[0], e[1]);
            }
            b.append(comments.get(i)).append(eol).append(eol);
            expected.put(name, section);
        }
        String text = b.toString();
        return new Generated(finalNewline ? text : text.substring(0, text.length() - eol.length()), expected);
    }
}
