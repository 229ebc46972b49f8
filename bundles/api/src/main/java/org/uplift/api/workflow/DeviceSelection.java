package org.uplift.api.workflow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which devices a campaign upgrades. It is resolved once, when the campaign starts; the resulting
 * device list is stored with the campaign, so a restart or a device added later changes nothing.
 *
 * @param kind      how devices are chosen
 * @param deviceIds the devices, for {@link Kind#LIST}; empty otherwise
 * @param model     the model, for {@link Kind#MODEL}; for {@link Kind#OLDER_THAN_TARGET} a model or
 *                  {@code null} for every model
 * @since 0.1
 */
public record DeviceSelection(Kind kind, List<String> deviceIds, String model) {

    /** How a campaign's devices are chosen. */
    public enum Kind {
        /** The devices named, in that order. */
        LIST,
        /** Every device in the inventories whose model (as the device reports it) is the one named. */
        MODEL,
        /** Every device (of the model, if one is named) that runs a version older than the campaign's target. */
        OLDER_THAN_TARGET
    }

    public DeviceSelection {
        Objects.requireNonNull(kind, "kind");
        deviceIds = deviceIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(deviceIds));
        model = model == null || model.isBlank() ? null : model.trim();
        if (kind == Kind.LIST && deviceIds.isEmpty()) {
            throw new IllegalArgumentException("a device list needs at least one device id");
        }
        if (kind != Kind.LIST && !deviceIds.isEmpty()) {
            throw new IllegalArgumentException("device ids are only for a LIST selection, not " + kind);
        }
        if (kind == Kind.MODEL && model == null) {
            throw new IllegalArgumentException("a MODEL selection needs a model");
        }
    }

    /** The devices named, in that order (duplicates dropped). */
    public static DeviceSelection list(List<String> deviceIds) {
        return new DeviceSelection(Kind.LIST, deviceIds, null);
    }

    /** Every device of a model. */
    public static DeviceSelection model(String model) {
        return new DeviceSelection(Kind.MODEL, List.of(), model);
    }

    /** Every device of a model ({@code null}: of any model) running a version older than the target. */
    public static DeviceSelection olderThanTarget(String model) {
        return new DeviceSelection(Kind.OLDER_THAN_TARGET, List.of(), model);
    }

    /** For an operator: {@code "3 devices: iad-1, iad-2, iad-3"}, {@code "model IAD-1000"}, ... */
    @Override
    public String toString() {
        return switch (kind) {
            case LIST ->
                deviceIds.size() + (deviceIds.size() == 1 ? " device: " : " devices: ") + String.join(", ", deviceIds);
            case MODEL -> "model " + model;
            case OLDER_THAN_TARGET -> (model == null ? "every model" : "model " + model) + " on an older version";
        };
    }
}
