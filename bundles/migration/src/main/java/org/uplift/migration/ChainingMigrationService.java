package org.uplift.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.ConfigValidator;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.migration.MigrationService;
import org.uplift.api.migration.MigrationStep;

/**
 * Collects {@link ConfigMigrator} services (whiteboard) and converts configurations along the
 * shortest chain of them. A migrator registered or removed at run time counts at once.
 *
 * <p>{@link #migrate} and {@link #validate} have no side effects: they store nothing and leave the
 * given bytes as they are, and jobs may call them concurrently. So the workflow can migrate and
 * validate a backup as a dry run while the old software still runs, and again for real later.
 */
@Component(service = MigrationService.class)
public class ChainingMigrationService implements MigrationService {

    private static final Logger LOG = LoggerFactory.getLogger(ChainingMigrationService.class);

    private final MigrationGraph graph = new MigrationGraph();
    private final Map<String, ConfigValidator> validators = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addMigrator(ConfigMigrator migrator, Map<String, Object> properties) {
        MigratorKey key = MigratorKey.of(properties);
        if (!key.complete()) {
            LOG.warn("Ignoring migrator {}: it needs the service properties {} and {} with different values",
                    migrator.getClass().getName(), ConfigMigrator.FROM_PROPERTY, ConfigMigrator.TO_PROPERTY);
            return;
        }
        graph.add(key, migrator).ifPresentOrElse(
                existing -> LOG.warn("Migrator {} for {} is ignored: {} is already registered for it",
                        migrator.getClass().getName(), key, existing.getClass().getName()),
                () -> LOG.info("Migrator registered for {}", key));
    }

    void removeMigrator(ConfigMigrator migrator, Map<String, Object> properties) {
        graph.remove(MigratorKey.of(properties), migrator);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addValidator(ConfigValidator validator, Map<String, Object> properties) {
        String key = validatorKey(properties);
        ConfigValidator existing = validators.putIfAbsent(key, validator);
        if (existing != null) {
            LOG.warn("Validator {} for {} is ignored: {} is already registered for it", validator.getClass().getName(),
                    key, existing.getClass().getName());
        }
    }

    void removeValidator(ConfigValidator validator, Map<String, Object> properties) {
        validators.remove(validatorKey(properties), validator);
    }

    private static String validatorKey(Map<String, Object> properties) {
        return properties.getOrDefault(ConfigMigrator.MODEL_PROPERTY, MigratorKey.ANY_MODEL) + " format "
                + properties.get(ConfigValidator.FORMAT_PROPERTY);
    }

    @Override
    public List<MigrationStep> steps() {
        return graph.keys().stream().map(k -> new MigrationStep(k.model(), k.from(), k.to())).toList();
    }

    @Override
    public boolean validate(String model, String format, byte[] configuration) throws MigrationException {
        ConfigValidator validator = validators.get(model + " format " + format);
        if (validator == null) {
            validator = validators.get(MigratorKey.ANY_MODEL + " format " + format);
        }
        if (validator == null) {
            return false;
        }
        try {
            validator.validate(configuration);
        } catch (RuntimeException e) {
            throw new MigrationException("validator for " + model + " format " + format + " failed: " + e, e);
        }
        return true;
    }

    @Override
    public List<String> chain(String model, String from, String to) throws MigrationException {
        List<MigrationGraph.Step> steps = steps(model, from, to);
        List<String> formats = new ArrayList<>(List.of(from));
        steps.forEach(s -> formats.add(s.key().to()));
        return formats;
    }

    @Override
    public byte[] migrate(String model, String from, String to, byte[] configuration) throws MigrationException {
        byte[] current = configuration;
        for (MigrationGraph.Step step : steps(model, from, to)) {
            try {
                current = step.migrator().migrate(current);
            } catch (MigrationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new MigrationException("migration " + step.key() + " failed: " + e, e);
            }
            if (current == null) {
                throw new MigrationException("migration " + step.key() + " returned no configuration");
            }
        }
        validate(model, to, current);
        return current;
    }

    private List<MigrationGraph.Step> steps(String model, String from, String to) throws MigrationException {
        return graph.shortest(model, from, to).orElseThrow(() -> new MigrationException(
                "no migration for model " + model + " from configuration format " + from + " to " + to
                        + "; registered: " + (graph.keys().isEmpty() ? "none" : graph.keys())));
    }
}
