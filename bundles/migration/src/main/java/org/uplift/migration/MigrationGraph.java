package org.uplift.migration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.uplift.api.migration.ConfigMigrator;

/**
 * Migrators as edges between format versions; finds the shortest chain by breadth-first search.
 * Thread-safe: whiteboard binds and job threads use it concurrently.
 */
final class MigrationGraph {

    /** One hop of a chain: the migrator and where it goes. */
    record Step(MigratorKey key, ConfigMigrator migrator) {
    }

    private final Map<MigratorKey, ConfigMigrator> edges = new LinkedHashMap<>();

    /** Adds an edge; returns the migrator it shadows (a duplicate registration), if any. */
    synchronized Optional<ConfigMigrator> add(MigratorKey key, ConfigMigrator migrator) {
        return Optional.ofNullable(edges.putIfAbsent(key, migrator));
    }

    synchronized void remove(MigratorKey key, ConfigMigrator migrator) {
        edges.remove(key, migrator);
    }

    /** The shortest chain of steps for a model, empty if {@code from} equals {@code to}. */
    synchronized Optional<List<Step>> shortest(String model, String from, String to) {
        if (from.equals(to)) {
            return Optional.of(List.of());
        }
        Map<String, Step> reachedBy = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String format = queue.removeFirst();
            for (Map.Entry<MigratorKey, ConfigMigrator> e : preferSpecific(model)) {
                MigratorKey k = e.getKey();
                if (k.from().equals(format) && !k.to().equals(from) && !reachedBy.containsKey(k.to())) {
                    reachedBy.put(k.to(), new Step(k, e.getValue()));
                    if (k.to().equals(to)) {
                        return Optional.of(walkBack(reachedBy, from, to));
                    }
                    queue.addLast(k.to());
                }
            }
        }
        return Optional.empty();
    }

    /** Migrators that apply to the model, the model's own before the {@code *} ones. */
    private List<Map.Entry<MigratorKey, ConfigMigrator>> preferSpecific(String model) {
        List<Map.Entry<MigratorKey, ConfigMigrator>> own = new ArrayList<>();
        List<Map.Entry<MigratorKey, ConfigMigrator>> generic = new ArrayList<>();
        for (Map.Entry<MigratorKey, ConfigMigrator> e : edges.entrySet()) {
            if (e.getKey().model().equals(model)) {
                own.add(e);
            } else if (e.getKey().appliesTo(model)) {
                generic.add(e);
            }
        }
        own.addAll(generic);
        return own;
    }

    private static List<Step> walkBack(Map<String, Step> reachedBy, String from, String to) {
        List<Step> steps = new ArrayList<>();
        for (String at = to; !at.equals(from); at = reachedBy.get(at).key().from()) {
            steps.add(reachedBy.get(at));
        }
        Collections.reverse(steps);
        return steps;
    }

    /** Every registered edge, for listing. */
    synchronized List<MigratorKey> keys() {
        return List.copyOf(edges.keySet());
    }
}
