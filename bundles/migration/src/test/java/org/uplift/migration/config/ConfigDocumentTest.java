package org.uplift.migration.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        ConfigDocument doc = ConfigDocument
                .parse("format=1\n[user]\n user.1.name = alice \n[protocol sip]\nregistrar=x\n");
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
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                () -> ConfigDocument.parse("format=1\n[user\n"));
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

    @Test
    void givenBlanksAroundKeyAndValue_whenAnEntryIsReplaced_thenTheBlanksStay() throws Exception {
        ConfigLine line = ConfigDocument.parse("\t port.1.enabled =  true \r\n").lines().get(0);
        assertEquals(new ConfigLine(ConfigLine.Kind.ENTRY, "\t port.1.admin-state =  up ", "\r\n"),
                line.withEntry("port.1.admin-state", "up"));
        ConfigLine empty = ConfigDocument.parse("key= ").lines().get(0);
        assertEquals("other= v", empty.withEntry("other", "v").text());
    }

    @Test
    void givenEditedLinesWithAKeyTwice_whenMadeADocument_thenTheyAreRefusedLikeParsedOnes() throws Exception {
        List<ConfigLine> lines = ConfigDocument.parse("[port]\na=1\nb=2\n").lines();
        List<ConfigLine> edited = List.of(lines.get(0), lines.get(1), lines.get(2).withEntry("a", "2"));
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class, () -> ConfigDocument.of(edited));
        assertEquals("line 3: key 'a' already set on line 2 in section [port]", e.getMessage());
    }

    @Test
    void givenALineWithoutTerminatorBeforeAnother_whenMadeADocument_thenItIsRefusedRatherThanJoined() throws Exception {
        List<ConfigLine> lines = ConfigDocument.parse("a=1\nb=2").lines();
        assertThrows(IllegalArgumentException.class, () -> ConfigDocument.of(List.of(lines.get(1), lines.get(0))));
        assertEquals("b=2\na=1\n", ConfigDocument.of(List.of(lines.get(1).withEol("\n"), lines.get(0))).write());
    }

    @Test
    void givenTheFormatOnlyInASection_whenAskedForTheFormat_thenThereIsNone() throws Exception {
        assertEquals("2", ConfigDocument.parse("# c\nformat = 2\n[user]\n").format().orElseThrow());
        assertTrue(ConfigDocument.parse("[user]\nformat=2\n").format().isEmpty());
    }
}
