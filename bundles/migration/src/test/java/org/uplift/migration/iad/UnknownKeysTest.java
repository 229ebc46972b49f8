package org.uplift.migration.iad;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uplift.api.migration.ConfigValidator;
import org.uplift.api.migration.MigrationException;

/**
 * Configurations in the field carry keys and sections Uplift does not know: migrators keep them
 * where they are, validators accept them; the keys Uplift knows are still converted and checked.
 */
class UnknownKeysTest {

    private static final Map<String, ConfigValidator> VALIDATORS = Map.of("1", new Format1Validator(), "2",
            new Format2Validator(), "3", new Format3Validator());

    /** Format 1 with unknown lines in every section and of every shape, and blanks around '='. */
    private static final String V1 = """
            # site 7
            format=1
            x-site.id=7
            [user]
            user.1.name = alice
            user.1.email=alice@example.org
              user.1.phone=+1-555-0101
            vendor-user-flag=on
            [qos]
            flush-interval=5
            port.1.name=weird value
            user.1.name=not a user
            [port]
            port.1.name=fxs1
            port.1.gain=-3
            \tport.1.enabled\t=\ttrue
            # port 2 reserved
            port.2.enabled=false
            port.2.name=fxs2
            [protocol]
            # carrier
            dscp=46
            protocol.sip.registrar=192.0.2.10
            protocol.sip.register-interval=1800
            sip-extra=1
            protocol.mgcp.keepalive-interval=60
            protocol.sip.x-vendor.tls=yes
            [default]
            default.country=de
            default.ring-cadence=1000/4000
            [protocol SIP]
            register-interval=abc
            """;

    private static final String V2 = """
            # site 7
            format=2
            x-site.id=7
            [user]
            subscriber.1.name = alice
            user.1.email=alice@example.org
              subscriber.1.phone=+1-555-0101
            vendor-user-flag=on
            [qos]
            flush-interval=5
            port.1.name=weird value
            user.1.name=not a user
            [port]
            port.1.name=fxs1
            port.1.gain=-3
            \tport.1.admin-state\t=\tup
            # port 2 reserved
            port.2.admin-state=down
            port.2.name=fxs2
            [protocol]
            # carrier
            dscp=46
            sip-extra=1
            [protocol sip]
            registrar=192.0.2.10
            register-interval=1800
            x-vendor.tls=yes
            [protocol mgcp]
            keepalive-interval=60
            [default]
            default.country=de
            default.ring-cadence=1000/4000
            [protocol SIP]
            register-interval=abc
            """;

    private static final String V3 = V2.replace("format=2", "format=3").replace("fxs1", "fxs-0/1")
            .replace("fxs2", "fxs-0/2").replace("register-interval=1800", "register-interval-ms=1800000")
            .replace("keepalive-interval=60", "keepalive-interval-ms=60000");

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    @Test
    void givenUnknownKeysAndSections_whenMigratedFrom1To2_thenOnlyTheKnownKeysChange() throws Exception {
        assertEquals(V2, text(new Format1To2().migrate(V1.getBytes(UTF_8))));
    }

    @Test
    void givenUnknownKeysAndSections_whenMigratedFrom2To3_thenOnlyTheKnownKeysChange() throws Exception {
        // the look-alikes in [qos] and [protocol SIP] stay: only [port] and [protocol <name>] are converted
        assertTrue(V3.contains("[qos]\nflush-interval=5\nport.1.name=weird value\n")
                && V3.endsWith("register-interval=abc\n"));
        assertEquals(V3, text(new Format2To3().migrate(V2.getBytes(UTF_8))));
    }

    @Test
    void givenUnknownKeysAndSections_whenValidatedInEachFormat_thenTheyAreAccepted() throws Exception {
        new Format1Validator().validate(V1.getBytes(UTF_8));
        new Format2Validator().validate(V2.getBytes(UTF_8));
        new Format3Validator().validate(V3.getBytes(UTF_8));
    }

    static Stream<Arguments> unknownLines() {
        return Stream.of(
                Arguments.of("1", "", "vendor.top=1"),
                Arguments.of("1", "[user]", "user.1.email=a@b"),
                Arguments.of("1", "[user]", "user.x.name=a"),
                Arguments.of("1", "[port]", "port.1.admin-state=sideways"),
                Arguments.of("1", "[port]", "port.1.gain=loud"),
                Arguments.of("1", "[protocol]", "dscp=46"),
                Arguments.of("1", "[protocol]", "protocol.sip.register-interval-ms=5"),
                Arguments.of("1", "[default]", "default.anything=at all"),
                Arguments.of("1", "[default]", "[protocol sip]\nregister-interval=abc"),
                Arguments.of("2", "[user]", "user.1.email=a@b"),
                Arguments.of("2", "[port]", "port.1.speed=100"),
                Arguments.of("2", "[protocol sip]", "transport=tls"),
                Arguments.of("2", "[protocol sip]", "Register-Interval=abc"),
                Arguments.of("2", "[default]", "[protocol]\ndscp=46"),
                Arguments.of("3", "[port]", "port.1.label=fxs1"),
                Arguments.of("3", "[protocol sip]", "x-interval.1=abc"),
                Arguments.of("3", "[default]", "[dial-plan]\nrule.1=prefix 0049 route trunk-1\nflush-timeout=1"),
                Arguments.of("3", "[default]", "[protocol SIP]\nregister-interval=5"));
    }

    @ParameterizedTest(name = "format {0}, after {1}: {2}")
    @MethodSource("unknownLines")
    void givenAnUnknownKeyOrSection_whenValidated_thenItIsAccepted(String format, String after, String lines)
            throws Exception {
        VALIDATORS.get(format).validate(valid(format, after, lines).getBytes(UTF_8));
    }

    static Stream<Arguments> badKnownKeys() {
        return Stream.of(
                Arguments.of("1", "[port]", "port.1.enabled=yes",
                        "line 4: port.1.enabled has the invalid value 'yes' (expected true|false)"),
                Arguments.of("1", "[port]", "port.1.name=fxs-0/1",
                        "line 4: port.1.name has the invalid value 'fxs-0/1' (expected [a-z]+\\d+)"),
                Arguments.of("1", "[protocol]", "protocol.sip.register-interval=soon",
                        "line 5: protocol.sip.register-interval must be a whole number, got 'soon'"),
                Arguments.of("1", "[protocol]", "protocol.sip.session-timeout=0",
                        "line 5: protocol.sip.session-timeout=0 is outside 1..86400"),
                Arguments.of("2", "[port]", "port.1.admin-state=sideways",
                        "line 4: port.1.admin-state has the invalid value 'sideways' (expected up|down)"),
                Arguments.of("2", "[port]", "port.1.enabled=true",
                        "line 4: port.1.enabled is a format 1 key; format 2 has port.<n>.admin-state instead"),
                Arguments.of("2", "[user]", "user.1.phone=1",
                        "line 3: user.1.phone is a format 1 key; format 2 has subscriber.<n>.name and "
                                + "subscriber.<n>.phone instead"),
                Arguments.of("2", "[protocol sip]", "register-interval=86401",
                        "line 5: register-interval=86401 is outside 1..86400"),
                Arguments.of("2", "[default]", "[protocol]\nprotocol.sip.registrar=x",
                        "line 7: protocol.sip.registrar is a format 1 key; format 2 has a [protocol <name>] section "
                                + "per protocol instead"),
                Arguments.of("3", "[port]", "port.1.name=fxs1",
                        "line 4: port.1.name has the invalid value 'fxs1' (expected [a-z]+-\\d+/\\d+)"),
                Arguments.of("3", "[protocol sip]", "register-interval=60",
                        "line 5: register-interval is a format 2 key; format 3 has <timer>-ms in milliseconds instead"),
                Arguments.of("3", "[protocol sip]", "register-interval-ms=999",
                        "line 5: register-interval-ms=999 is outside 1000..86400000"),
                Arguments.of("3", "[protocol sip]", "session-timeout-ms=90s",
                        "line 5: session-timeout-ms must be a whole number, got '90s'"));
    }

    @ParameterizedTest(name = "format {0}, after {1}: {2}")
    @MethodSource("badKnownKeys")
    void givenAKnownKeyWithABadValue_whenValidated_thenOneLineNamesTheLineAndKey(String format, String after,
            String lines, String problem) {
        MigrationException e = assertThrows(MigrationException.class,
                () -> VALIDATORS.get(format).validate(valid(format, after, lines).getBytes(UTF_8)));
        assertEquals("not a valid format " + format + " configuration: " + problem, e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void givenAValueOfAMegabyte_whenRefused_thenTheMessageQuotesItShort() {
        String huge = "y".repeat(1 << 20);
        MigrationException e = assertThrows(MigrationException.class,
                () -> new Format1Validator().validate(valid("1", "[port]", "port.1.enabled=" + huge).getBytes(UTF_8)));
        assertEquals("not a valid format 1 configuration: line 4: port.1.enabled has the invalid value '"
                + "y".repeat(40) + "...' (1048576 characters) (expected true|false)", e.getMessage());
    }

    @Test
    void givenAConvertedKeyThatIsAlreadyThere_whenMigrated_thenTheCollisionIsNamed() {
        byte[] v1 = "format=1\n[port]\nport.1.admin-state=up\nport.1.enabled=false\n".getBytes(UTF_8);
        MigrationException e = assertThrows(MigrationException.class, () -> new Format1To2().migrate(v1));
        assertEquals("the configuration in format 2 would be ambiguous: line 4: key 'port.1.admin-state' already set "
                + "on line 3 in section [port] (line numbers of the result)", e.getMessage());
    }

    @Test
    void givenAProtocolSectionThatIsAlreadySplit_whenMigrated_thenTheCollisionIsNamed() {
        byte[] v1 = "format=1\n[protocol sip]\nregistrar=a\n[protocol]\nprotocol.sip.registrar=b\n".getBytes(UTF_8);
        MigrationException e = assertThrows(MigrationException.class, () -> new Format1To2().migrate(v1));
        assertEquals("the configuration in format 2 would be ambiguous: line 4: section [protocol sip] already started "
                + "on line 2 (line numbers of the result)", e.getMessage());
    }

    @Test
    void givenTheLastLineInProtocolWithoutTerminator_whenItMoves_thenNoLinesAreJoined() throws Exception {
        byte[] v1 = "format=1\n[protocol]\nprotocol.sip.a=1\nprotocol.mgcp.b=2\nprotocol.sip.c=3".getBytes(UTF_8);
        assertEquals("format=2\n[protocol sip]\na=1\nc=3\n[protocol mgcp]\nb=2", text(new Format1To2().migrate(v1)));
    }

    /** A valid minimal configuration in {@code format} with {@code lines} right after the line {@code after}. */
    private static String valid(String format, String after, String lines) {
        String protocol = format.equals("1") ? "[protocol]" : "[protocol sip]";
        String text = "format=" + format + "\n[user]\n[port]\n" + protocol + "\n[default]\n";
        if (after.isEmpty()) {
            return text.replace("format=" + format + "\n", "format=" + format + "\n" + lines + "\n");
        }
        return text.replace(after + "\n", after + "\n" + lines + "\n");
    }
}
