package org.uplift.workflow.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link JobRecord} as one JSON document with its schema version. Field by field through Jackson's
 * tree, so the stored form is spelt out here, not derived from the classes: renaming a field in Java
 * does not change what is stored. Absent optionals are left out.
 */
final class JobRecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobRecordJson() {
    }

    static String write(JobRecord r) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("schemaVersion", JobRecord.SCHEMA_VERSION);
        doc.put("policy", r.policy().toString());
        ArrayNode plan = doc.putArray("plan");
        for (JobPlan.Step step : r.plan().steps()) {
            plan.addObject().put("name", step.name()).put("included", step.included()).put("how", step.how());
        }
        r.oldFirmware().ifPresent(v -> doc.put("oldFirmware", v));
        r.oldVersion().ifPresent(v -> doc.put("oldVersion", v));
        r.backup().ifPresent(b -> doc.putObject("backup").put("version", b.version()).put("sha256", b.sha256())
                .put("format", b.format()));
        r.update().ifPresent(u -> {
            ObjectNode update = doc.putObject("update").put("atMillis", u.atMillis());
            u.sysUpTime().ifPresent(v -> update.put("sysUpTime", v));
            u.engineBoots().ifPresent(v -> update.put("engineBoots", v));
        });
        r.migrated()
                .ifPresent(m -> doc.putObject("migrated").put("file", m.file().toString()).put("sha256", m.sha256()));
        r.failure().ifPresent(f -> doc.putObject("failure").put("step", f.step().name()).put("reason", f.reason()));
        r.afterRollback().ifPresent(a -> doc.put("afterRollback", a.name()));
        ObjectNode attempts = doc.putObject("attempts");
        for (JobState step : JobState.values()) {
            if (r.attempts().containsKey(step)) {
                attempts.put(step.name(), r.attempts().get(step));
            }
        }
        r.justDecided().ifPresent(d -> doc.putObject("justDecided").put("decision", d.decision().name())
                .put("into", d.into().name()));
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a job record as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException if the text is not a job record this code can read, above all one of a
     *                                  newer schema version (it would be misread, not just partly read)
     */
    static JobRecord read(String text) {
        JsonNode doc;
        try {
            doc = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int version = doc.path("schemaVersion").asInt(0);
        if (version > JobRecord.SCHEMA_VERSION) {
            throw new IllegalArgumentException("its schema version " + version + " is newer than the "
                    + JobRecord.SCHEMA_VERSION
                    + " this Uplift reads: a newer Uplift wrote it; run that version on this "
                    + "database (Uplift does not downgrade a job)");
        }
        if (version < 1) {
            throw new IllegalArgumentException("it has no schemaVersion");
        }
        return new JobRecord(RetryPolicy.parse(text(doc, "policy")), plan(doc.path("plan")),
                optionalText(doc, "oldFirmware"), optionalText(doc, "oldVersion"),
                object(doc, "backup",
                        b -> new BackupEvidence(integer(b, "version"), text(b, "sha256"), text(b, "format"))),
                object(doc, "update", u -> new UpdateWatch(number(u, "atMillis"), optionalNumber(u, "sysUpTime"),
                        optionalNumber(u, "engineBoots"))),
                object(doc, "migrated", m -> new MigratedConfig(Path.of(text(m, "file")), text(m, "sha256"))),
                object(doc, "failure", f -> new FailedStep(state(text(f, "step")), text(f, "reason"))),
                optionalText(doc, "afterRollback").map(a -> named(AfterRollback.class, a)),
                attempts(doc.path("attempts")),
                object(doc, "justDecided", d -> new DecisionTaken(named(Decision.class, text(d, "decision")),
                        state(text(d, "into")))));
    }

    private static JobPlan plan(JsonNode steps) {
        List<JobPlan.Step> plan = new ArrayList<>();
        for (JsonNode step : steps) {
            plan.add(new JobPlan.Step(text(step, "name"), step.path("included").asBoolean(), text(step, "how")));
        }
        return plan.isEmpty() ? JobPlan.UNKNOWN : new JobPlan(plan);
    }

    private static Map<JobState, Integer> attempts(JsonNode node) {
        Map<JobState, Integer> attempts = new EnumMap<>(JobState.class);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            attempts.put(state(e.getKey()), e.getValue().asInt());
        }
        return attempts;
    }

    private static <T> Optional<T> object(JsonNode doc, String field, Function<JsonNode, T> read) {
        JsonNode node = doc.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(read.apply(node));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not text");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(text(node, field)) : Optional.empty();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a whole number");
        }
        return value.asLong();
    }

    private static int integer(JsonNode node, String field) {
        return Math.toIntExact(number(node, field));
    }

    private static OptionalLong optionalNumber(JsonNode node, String field) {
        return node.hasNonNull(field) ? OptionalLong.of(number(node, field)) : OptionalLong.empty();
    }

    static JobState state(String name) {
        return named(JobState.class, name);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is no " + type.getSimpleName() + " this Uplift knows",
                    e);
        }
    }
}
