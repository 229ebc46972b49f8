package org.uplift.migration;

import java.util.Map;

import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.ConfigValidator;
import org.uplift.migration.iad.Format1To2;
import org.uplift.migration.iad.Format1Validator;
import org.uplift.migration.iad.Format2To3;
import org.uplift.migration.iad.Format2Validator;
import org.uplift.migration.iad.Format3Validator;

/** Registers services with the chaining service the way DS does, for tests in other packages. */
public final class ChainingMigrationServiceAccess {

    private ChainingMigrationServiceAccess() {
    }

    public static ChainingMigrationService withIadMigratorsAndValidators() {
        ChainingMigrationService s = new ChainingMigrationService();
        replaceMigrator(s, "IAD-1000", "1", "2", new Format1To2());
        replaceMigrator(s, "IAD-1000", "2", "3", new Format2To3());
        addValidator(s, "IAD-1000", "1", new Format1Validator());
        addValidator(s, "IAD-1000", "2", new Format2Validator());
        addValidator(s, "IAD-1000", "3", new Format3Validator());
        return s;
    }

    public static void replaceMigrator(ChainingMigrationService s, String model, String from, String to,
            ConfigMigrator m) {
        s.addMigrator(m, Map.of(ConfigMigrator.MODEL_PROPERTY, model, ConfigMigrator.FROM_PROPERTY, from,
                ConfigMigrator.TO_PROPERTY, to));
    }

    public static void addValidator(ChainingMigrationService s, String model, String format, ConfigValidator v) {
        s.addValidator(v, Map.of(ConfigMigrator.MODEL_PROPERTY, model, ConfigValidator.FORMAT_PROPERTY, format));
    }
}
