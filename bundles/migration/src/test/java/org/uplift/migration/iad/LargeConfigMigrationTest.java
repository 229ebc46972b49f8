package org.uplift.migration.iad;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uplift.migration.ChainingMigrationService;
import org.uplift.migration.ChainingMigrationServiceAccess;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigLine;

/**
 * Generated configurations of field size (4 MiB, 20,000 lines) with unknown keys and sections
 * sprinkled in, parsed, migrated 1 -> 2 -> 3 and validated. Nothing here is timed: a quadratic
 * step would show as a build that takes minutes, a recursion per line as a StackOverflowError.
 */
class LargeConfigMigrationTest {

    private static final int FOUR_MIB = 4 << 20;

    private final ChainingMigrationService service = ChainingMigrationServiceAccess.withIadMigratorsAndValidators();

    @Test
    void givenA4MibConfigOf20000Lines_whenMigratedFrom1To3_thenUnknownLinesStayAndKnownKeysAreConverted()
            throws Exception {
        GeneratedConfig config = GeneratedConfig.of(1, 20_000, FOUR_MIB, "\n", true);
        byte[] v1 = config.text().getBytes(UTF_8);
        assertTrue(v1.length >= FOUR_MIB && config.v1.size() >= 20_000,
                v1.length + " bytes, " + config.v1.size() + " lines");
        migrateAndCheck(config, v1);
    }

    @Test
    void givenCrLfAndNoFinalNewline_whenMigratedFrom1To3_thenTerminatorsAreKept() throws Exception {
        GeneratedConfig config = GeneratedConfig.of(2, 20_000, FOUR_MIB, "\r\n", false);
        byte[] v1 = config.text().getBytes(UTF_8);
        byte[] v3 = migrateAndCheck(config, v1);
        assertTrue(new String(v3, UTF_8).endsWith("\r\n# end"));
    }

    /** Many smaller shapes: each seed interleaves protocols, unknown entries and comments differently. */
    @ParameterizedTest
    @ValueSource(longs = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
    void givenGeneratedConfigs_whenMigratedFrom1To3_thenUnknownLinesStayAndKnownKeysAreConverted(long seed)
            throws Exception {
        GeneratedConfig config = GeneratedConfig.of(seed, 300 + (int) seed * 37, 16 << 10,
                seed % 2 == 0 ? "\n" : "\r\n",
                seed % 3 != 0);
        migrateAndCheck(config, config.text().getBytes(UTF_8));
    }

    @Test
    void givenOneLineOfMegabytes_whenMigratedFrom1To3_thenItIsKeptAndItsNeighboursConverted() throws Exception {
        String huge = "x".repeat(2 << 20);
        String hugeTimer = "a-".repeat(1 << 20) + "interval";
        String v1 = "format=1\n[user]\nuser.1.name=" + huge + "\nblob=" + huge + "\n[port]\n[protocol]\n"
                + "protocol.sip." + hugeTimer + "=7\nprotocol.sip." + huge + "=1\n[default]\n" + huge + "=" + huge
                + "\n";
        String v3 = new String(service.migrate("IAD-1000", "1", "3", v1.getBytes(UTF_8)), UTF_8);
        assertEquals("format=3\n[user]\nsubscriber.1.name=" + huge + "\nblob=" + huge + "\n[port]\n[protocol sip]\n"
                + hugeTimer + "-ms=7000\n" + huge + "=1\n[default]\n" + huge + "=" + huge + "\n", v3);
    }

    /** Checks the generated configuration through both steps; returns format 3. */
    private byte[] migrateAndCheck(GeneratedConfig config, byte[] v1) throws Exception {
        assertArrayEquals(v1, ConfigDocument.parse(v1).toBytes(), "parse then write of format 1");
        assertTrue(service.validate("IAD-1000", "1", v1));

        byte[] v2 = service.migrate("IAD-1000", "1", "2", v1);
        ConfigDocument v2Doc = ConfigDocument.parse(v2);
        assertArrayEquals(v2, v2Doc.toBytes(), "parse then write of format 2");
        assertInOrder(config.unknown, v2Doc.lines(), "format 2");

        byte[] v3 = service.migrate("IAD-1000", "2", "3", v2);
        ConfigDocument v3Doc = ConfigDocument.parse(v3);
        assertArrayEquals(v3, v3Doc.toBytes(), "parse then write of format 3");
        assertTrue(service.validate("IAD-1000", "3", v3));
        assertArrayEquals(v3, service.migrate("IAD-1000", "1", "3", v1), "one chained call gives the same");

        assertInOrder(config.unknown, v3Doc.lines(), "format 3");
        assertOutsideProtocols(config, v3Doc);
        assertProtocols(config, v3Doc);
        return v3;
    }

    /** Every line of {@code expected} is in {@code actual}, unchanged (terminator included) and in the same order. */
    private static void assertInOrder(List<ConfigLine> expected, List<ConfigLine> actual, String what) {
        int found = 0;
        for (ConfigLine line : actual) {
            if (found < expected.size() && line.equals(expected.get(found))) {
                found++;
            }
        }
        if (found < expected.size()) {
            fail(what + ": unknown line " + (found + 1) + " of " + expected.size()
                    + " is missing, changed or out of order: "
                    + expected.get(found));
        }
    }

    /** Outside the protocol sections, format 3 is format 1 line for line: known keys converted, the rest unchanged. */
    private static void assertOutsideProtocols(GeneratedConfig config, ConfigDocument v3) {
        List<ConfigLine> outside = new ArrayList<>();
        boolean inProtocols = false;
        for (ConfigLine line : v3.lines()) {
            if (line.kind() == ConfigLine.Kind.SECTION) {
                IadSection section = IadSection.of(line.sectionName());
                inProtocols = section == IadSection.PROTOCOLS || section == IadSection.PROTOCOL;
            }
            if (!inProtocols) {
                outside.add(line);
            }
        }
        assertEquals(config.v3OutsideProtocols.size(), outside.size(), "lines outside the protocol sections");
        for (int i = 0; i < outside.size(); i++) {
            assertEquals(config.v3OutsideProtocols.get(i), outside.get(i),
                    "line " + (i + 1) + " outside the protocol sections");
        }
    }

    /**
     * Each protocol has its section with its parameters, timers in milliseconds; entries of [protocol]
     * that name no protocol stay there in order; no comment or blank line is lost.
     */
    private static void assertProtocols(GeneratedConfig config, ConfigDocument v3) {
        Map<String, Map<String, String>> sections = v3.sections();
        config.v3Protocols.forEach((name, parameters) -> {
            assertEquals(parameters, sections.get(name), name);
            assertEquals(List.copyOf(parameters.keySet()), List.copyOf(sections.get(name).keySet()), name + " order");
        });
        assertEquals(config.keptProtocolEntries.stream().map(ConfigLine::key).toList(),
                List.copyOf(sections.get("protocol").keySet()), "[protocol] keeps what names no protocol");
        List<ConfigLine> comments = new ArrayList<>();
        boolean inProtocols = false;
        for (ConfigLine line : v3.lines()) {
            if (line.kind() == ConfigLine.Kind.SECTION) {
                IadSection section = IadSection.of(line.sectionName());
                inProtocols = section == IadSection.PROTOCOLS || section == IadSection.PROTOCOL;
            } else if (inProtocols && line.kind() != ConfigLine.Kind.ENTRY) {
                comments.add(line);
            }
        }
        Comparator<ConfigLine> byText = Comparator.comparing(ConfigLine::text).thenComparing(ConfigLine::eol);
        assertEquals(config.protocolComments.stream().sorted(byText).toList(),
                comments.stream().sorted(byText).toList(),
                "comments and blank lines of [protocol]");
    }
}
