package org.uplift.migration.iad;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.migration.MigrationStep;
import org.uplift.migration.ChainingMigrationServiceAccess;

/** The IAD-1000 migrators on real sample configurations, alone and chained by the service. */
class IadMigrationTest {

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = IadMigrationTest.class.getResourceAsStream("/configs/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String text(byte[] b) {
        return new String(b, UTF_8);
    }

    @Test
    void givenASimulatorBackupInFormat1_whenMigratedTo2_thenKeysAreRenamedAndProtocolsSplit() throws Exception {
        String v2 = text(new Format1To2().migrate(sample("iad-v1.cfg")));
        assertEquals("""
                # uplift-iad running configuration
                format=2
                [user]
                subscriber.1.name=subscriber-0007
                subscriber.1.phone=+1-555-0107
                [port]
                port.1.name=fxs1
                port.1.admin-state=up
                [protocol sip]
                registrar=192.0.2.10
                register-interval=3600
                [default]
                default.country=us
                default.tone-profile=standard
                """, v2);
        new Format2Validator().validate(v2.getBytes(UTF_8));
    }

    @Test
    void givenFormat2_whenMigratedTo3_thenTimersAreMillisecondsAndPortsSlotNamed() throws Exception {
        String v3 = text(new Format2To3().migrate(new Format1To2().migrate(sample("iad-v1.cfg"))));
        assertTrue(v3.contains("\nregister-interval-ms=3600000\n"), v3);
        assertTrue(v3.contains("\nport.1.name=fxs-0/1\n"), v3);
        assertTrue(v3.startsWith("# uplift-iad running configuration\nformat=3\n"), v3);
        new Format3Validator().validate(v3.getBytes(UTF_8));
    }

    @Test
    void givenALargeConfigWithCommentsAndTwoProtocols_whenChainedFrom1To3_thenItMatchesTheExpectedFile()
            throws Exception {
        var service = ChainingMigrationServiceAccess.withIadMigratorsAndValidators();
        assertEquals(List.of("1", "2", "3"), service.chain("IAD-1000", "1", "3"));
        byte[] v3 = service.migrate("IAD-1000", "1", "3", sample("iad-v1-large.cfg"));
        assertEquals(text(sample("iad-v3-large.expected")), text(v3));
    }

    @Test
    void givenEachSample_whenValidatedInItsOwnFormat_thenItPasses() throws Exception {
        new Format1Validator().validate(sample("iad-v1.cfg"));
        new Format1Validator().validate(sample("iad-v1-large.cfg"));
        new Format3Validator().validate(sample("iad-v3-large.expected"));
    }

    @Test
    void givenAFormat1Config_whenValidatedAsFormat3_thenTheFormatIsNamed() throws Exception {
        MigrationException e = assertThrows(MigrationException.class,
                () -> new Format3Validator().validate(sample("iad-v1.cfg")));
        assertEquals("configuration is in format 1, expected 3", e.getMessage());
    }

    @Test
    void givenAnEnabledFlagThatIsNotBoolean_whenMigrated_thenTheLineIsNamed() {
        byte[] bad = "format=1\n[user]\n[port]\nport.1.name=fxs1\nport.1.enabled=yes\n[protocol]\n[default]\n"
                .getBytes(UTF_8);
        MigrationException e = assertThrows(MigrationException.class, () -> new Format1To2().migrate(bad));
        assertEquals("line 5: port.1.enabled must be true or false, got 'yes'", e.getMessage());
    }

    @Test
    void givenAProtocolKeyWithoutAProtocolName_whenMigrated_thenItStaysInAProtocolSectionOfItsOwn() throws Exception {
        byte[] v1 = "format=1\n[protocol]\nregistrar=x\nprotocol.sip.registrar=y\n".getBytes(UTF_8);
        assertEquals("format=2\n[protocol]\nregistrar=x\n[protocol sip]\nregistrar=y\n",
                text(new Format1To2().migrate(v1)));
    }

    @Test
    void givenATimerThatIsNotWholeSeconds_whenMigratedTo3_thenTheLineIsNamed() {
        byte[] bad = "format=2\n[protocol sip]\nregister-interval=1.5\n".getBytes(UTF_8);
        MigrationException e = assertThrows(MigrationException.class, () -> new Format2To3().migrate(bad));
        assertEquals("line 3: register-interval must be whole seconds, got '1.5'", e.getMessage());
    }

    @Test
    void givenAnOutOfRangeTimer_whenValidated_thenTheRangeIsNamed() {
        byte[] bad = ("format=3\n[user]\n[port]\n[protocol sip]\nregister-interval-ms=5\n[default]\n").getBytes(UTF_8);
        MigrationException e = assertThrows(MigrationException.class, () -> new Format3Validator().validate(bad));
        assertEquals("not a valid format 3 configuration: line 5: register-interval-ms=5 is outside 1000..86400000",
                e.getMessage());
    }

    @Test
    void givenAMissingSection_whenValidated_thenItIsNamed() {
        byte[] bad = "format=2\n[user]\n[protocol sip]\nregistrar=x\n[default]\n".getBytes(UTF_8);
        MigrationException e = assertThrows(MigrationException.class, () -> new Format2Validator().validate(bad));
        assertEquals("not a valid format 2 configuration: section [port] is missing", e.getMessage());
    }

    @Test
    void givenAMigratorWhoseOutputIsInvalid_whenChained_thenValidationStopsIt() {
        var service = ChainingMigrationServiceAccess.withIadMigratorsAndValidators();
        ConfigMigrator sloppy = in -> "format=2\n[user]\nuser.1.name=x\n".getBytes(UTF_8);
        ChainingMigrationServiceAccess.replaceMigrator(service, "IAD-OTHER", "1", "2", sloppy);
        ChainingMigrationServiceAccess.addValidator(service, "IAD-OTHER", "2", new Format2Validator());
        MigrationException e = assertThrows(MigrationException.class,
                () -> service.migrate("IAD-OTHER", "1", "2", "format=1\n".getBytes(UTF_8)));
        assertEquals("not a valid format 2 configuration: line 3: user.1.name is a format 1 key; format 2 has "
                + "subscriber.<n>.name and subscriber.<n>.phone instead", e.getMessage());
    }

    @Test
    void givenNoValidatorForAFormat_whenValidating_thenTheServiceSaysSo() throws Exception {
        var service = ChainingMigrationServiceAccess.withIadMigratorsAndValidators();
        assertFalse(service.validate("IAD-1000", "9", new byte[0]));
        assertTrue(service.validate("IAD-1000", "1", sample("iad-v1.cfg")));
    }

    /**
     * The workflow migrates and validates right after the backup is verified, while the old software
     * still runs: that dry run must leave no trace (input untouched, same result every time, also from
     * several jobs at once).
     */
    @Test
    void givenAFieldConfigWithUnknownKeys_whenDryRunFromSeveralJobs_thenItLeavesNoTraceAndAgrees() throws Exception {
        var service = ChainingMigrationServiceAccess.withIadMigratorsAndValidators();
        byte[] backup = (text(sample("iad-v1-large.cfg")) + "[vendor]\nx-snmp.engine=7\n").getBytes(UTF_8);
        byte[] untouched = backup.clone();
        List<MigrationStep> steps = service.steps();
        byte[] migrated = service.migrate("IAD-1000", "1", "3", backup);
        assertTrue(service.validate("IAD-1000", "3", migrated));
        assertTrue(text(migrated).endsWith("[vendor]\nx-snmp.engine=7\n"), text(migrated));
        ExecutorService jobs = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> again = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                again.add(jobs.submit(() -> service.migrate("IAD-1000", "1", "3", backup)));
            }
            for (Future<byte[]> f : again) {
                assertArrayEquals(migrated, f.get());
            }
        } finally {
            jobs.shutdownNow();
        }
        assertArrayEquals(untouched, backup);
        assertEquals(steps, service.steps());
    }
}
