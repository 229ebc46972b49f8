package org.uplift.migration.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the configuration parser (Jazzer). Properties: {@link ConfigDocument#parse(byte[])}
 * refuses only with {@link ConfigSyntaxException}, and whatever it accepts is written back byte for byte.
 *
 * <p>In a plain {@code mvn verify} this runs the inputs under {@code ConfigDocumentFuzzTestInputs/parse/} (seeds
 * and every crash found) as regression tests; {@code bench/fuzz.sh} fuzzes it ({@code JAZZER_FUZZ=1}).
 */
class ConfigDocumentFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) throws ConfigSyntaxException {
        ConfigDocument doc;
        try {
            doc = ConfigDocument.parse(input);
        } catch (ConfigSyntaxException refused) {
            return;
        }
        assertArrayEquals(input, doc.toBytes(), "toBytes() of an accepted document");
        assertEquals(doc.lines(), ConfigDocument.parse(doc.write()).lines(), "the written text parses the same");
        // the views over an accepted document never fail either
        doc.sections();
        doc.format();
    }

    /** The fuzzer's first finding (crash-86704adb...): bytes that are not UTF-8 were replaced by U+FFFD. */
    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() throws ConfigSyntaxException {
        byte[] latin1 = "format=1\n[user]\nname=M\u00fcller\n".getBytes(StandardCharsets.ISO_8859_1);
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class, () -> ConfigDocument.parse(latin1));
        assertEquals(3, e.line());
        byte[] utf8 = "format=1\n[user]\nname=M\u00fcller\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(utf8, ConfigDocument.parse(utf8).toBytes());
    }
}
