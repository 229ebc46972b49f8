package org.uplift.migration.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigDocumentTest {

    @Test
    void givenCrLfCommentsAndNoFinalNewline_whenParsedAndWritten_thenTheTextIsIdentical() throws Exception {
        String text = "# top\r\nformat=2\r\n\r\n[user]\r\n  subscriber.1.name = a b \r\n[protocol sip]\r\nregistrar=x";
        assertEquals(text, ConfigDocument.parse(text).write());
    }

    @Test
    void givenSections_whenRead_thenEntriesAreGroupedAndTrimmed() throws Exception {
        ConfigDocument doc = ConfigDocument.parse("format=1\n[user]\n user.1.name = alice \n[protocol sip]\nregistrar=x\n");
        assertEquals("1", doc.format().orElseThrow());
        assertEquals(Map.of("user.1.name", "alice"), doc.sections().get("user"));
        assertEquals(Map.of("registrar", "x"), doc.sections().get("protocol sip"));
    }

    @Test
    void givenALineWithoutEquals_whenParsed_thenTheErrorNamesItsLine() {
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                () -> ConfigDocument.parse("format=1\n[user]\njust some words\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("line 3: expected key=value"), e.getMessage());
    }

    @Test
    void givenABrokenSectionHeader_whenParsed_thenTheErrorNamesItsLine() {
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class, () -> ConfigDocument.parse("format=1\n[user\n"));
        assertEquals(2, e.line());
        assertThrows(ConfigSyntaxException.class, () -> ConfigDocument.parse("[ ]\n"));
    }

    @Test
    void givenAKeyTwiceInOneSection_whenParsed_thenBothLinesAreNamed() {
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                () -> ConfigDocument.parse("format=1\n[port]\nport.1.name=a\n\nport.1.name=b\n"));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("already set on line 3 in section [port]"), e.getMessage());
    }

    @Test
    void givenTheSameKeyInTwoSections_whenParsed_thenItIsAllowed() throws Exception {
        ConfigDocument.parse("[protocol sip]\nregistrar=a\n[protocol mgcp]\nregistrar=b\n");
    }

    @Test
    void givenASectionTwice_whenParsed_thenTheErrorNamesTheFirst() {
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                () -> ConfigDocument.parse("[user]\n[port]\n[user]\n"));
        assertTrue(e.getMessage().equals("line 3: section [user] already started on line 1"), e.getMessage());
    }

    @Test
    void givenANulByte_whenParsed_thenItIsRefused() {
        assertThrows(ConfigSyntaxException.class, () -> ConfigDocument.parse("format=1\n[user]\nuser.1.name=a\0b\n"));
    }
}
