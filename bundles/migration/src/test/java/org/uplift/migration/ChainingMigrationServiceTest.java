package org.uplift.migration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.MigrationException;

class ChainingMigrationServiceTest {

    private final ChainingMigrationService service = new ChainingMigrationService();

    private static Map<String, Object> props(String model, String from, String to) {
        return Map.of(ConfigMigrator.MODEL_PROPERTY, model, ConfigMigrator.FROM_PROPERTY, from,
                ConfigMigrator.TO_PROPERTY, to);
    }

    /** A migrator that appends a marker, so the order of a chain is visible in the output. */
    private static ConfigMigrator appending(String marker) {
        return in -> (new String(in, UTF_8) + marker).getBytes(UTF_8);
    }

    @Test
    void givenSameFormat_whenMigrating_thenConfigurationIsUnchanged() throws Exception {
        byte[] config = "format=1\n".getBytes(UTF_8);
        assertArrayEquals(config, service.migrate("IAD-1000", "1", "1", config));
        assertEquals(List.of("1"), service.chain("IAD-1000", "1", "1"));
    }

    @Test
    void givenTwoSteps_whenMigratingAcrossBoth_thenTheyRunInOrder() throws Exception {
        service.addMigrator(appending("[2->3]"), props("IAD-1000", "2", "3"));
        service.addMigrator(appending("[1->2]"), props("IAD-1000", "1", "2"));
        assertEquals(List.of("1", "2", "3"), service.chain("IAD-1000", "1", "3"));
        assertEquals("x[1->2][2->3]", new String(service.migrate("IAD-1000", "1", "3", "x".getBytes(UTF_8)), UTF_8));
    }

    @Test
    void givenADirectAndALongWay_whenChaining_thenTheShortestWins() throws Exception {
        service.addMigrator(appending("a"), props("*", "1", "2"));
        service.addMigrator(appending("b"), props("*", "2", "3"));
        service.addMigrator(appending("c"), props("*", "1", "3"));
        assertEquals(List.of("1", "3"), service.chain("any", "1", "3"));
        assertEquals("xc", new String(service.migrate("any", "1", "3", "x".getBytes(UTF_8)), UTF_8));
    }

    @Test
    void givenAMigratorForAnotherModel_whenChaining_thenItIsNotUsedAndTheMissingStepIsNamed() {
        service.addMigrator(appending("a"), props("OTHER", "1", "2"));
        MigrationException e = assertThrows(MigrationException.class, () -> service.chain("IAD-1000", "1", "2"));
        assertTrue(e.getMessage().contains("IAD-1000") && e.getMessage().contains("from configuration format 1 to 2"),
                e.getMessage());
    }

    @Test
    void givenAMigratorRemovedAtRunTime_whenChaining_thenTheChainIsGone() throws Exception {
        ConfigMigrator m = appending("a");
        service.addMigrator(m, props("*", "1", "2"));
        assertEquals(List.of("1", "2"), service.chain("m", "1", "2"));
        service.removeMigrator(m, props("*", "1", "2"));
        assertThrows(MigrationException.class, () -> service.chain("m", "1", "2"));
    }

    @Test
    void givenADuplicateRegistration_whenMigrating_thenTheFirstStaysInEffect() throws Exception {
        service.addMigrator(appending("first"), props("*", "1", "2"));
        service.addMigrator(appending("second"), props("*", "1", "2"));
        assertEquals("xfirst", new String(service.migrate("m", "1", "2", "x".getBytes(UTF_8)), UTF_8));
    }

    @Test
    void givenAMigratorThatThrows_whenMigrating_thenTheErrorNamesTheStep() {
        service.addMigrator(in -> {
            throw new IllegalStateException("bad section [port]");
        }, props("*", "1", "2"));
        MigrationException e = assertThrows(MigrationException.class,
                () -> service.migrate("m", "1", "2", new byte[0]));
        assertTrue(e.getMessage().contains("1 -> 2") && e.getMessage().contains("bad section"), e.getMessage());
    }

    @Test
    void givenACycle_whenNoPathToTarget_thenSearchEnds() {
        service.addMigrator(appending("a"), props("*", "1", "2"));
        service.addMigrator(appending("b"), props("*", "2", "1"));
        assertThrows(MigrationException.class, () -> service.chain("m", "1", "9"));
    }
}
