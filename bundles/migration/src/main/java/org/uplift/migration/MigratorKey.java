package org.uplift.migration;

import java.util.Map;

import org.uplift.api.migration.ConfigMigrator;

/** The service properties that place a migrator in the graph: model, from-format, to-format. */
record MigratorKey(String model, String from, String to) {

    static final String ANY_MODEL = "*";

    static MigratorKey of(Map<String, ?> properties) {
        return new MigratorKey(text(properties, ConfigMigrator.MODEL_PROPERTY, ANY_MODEL),
                text(properties, ConfigMigrator.FROM_PROPERTY, null),
                text(properties, ConfigMigrator.TO_PROPERTY, null));
    }

    private static String text(Map<String, ?> properties, String key, String fallback) {
        Object v = properties.get(key);
        return v == null ? fallback : v.toString();
    }

    boolean complete() {
        return from != null && to != null && !from.equals(to);
    }

    boolean appliesTo(String deviceModel) {
        return ANY_MODEL.equals(model) || model.equals(deviceModel);
    }

    @Override
    public String toString() {
        return model + ": " + from + " -> " + to;
    }
}
