package org.uplift.api.dto;

import java.util.List;

import org.uplift.api.workflow.DeviceSelection;

/**
 * How a campaign's devices were chosen: {@code {"kind": "list", "devices": [...]}}, {@code {"kind": "model",
 * "model": ...}} or {@code {"kind": "older", "model": ... or null}}.
 *
 * @since 0.4
 */
public sealed interface SelectionDto {

    /** {@code list}, {@code model} or {@code older}. */
    String kind();

    /** The selection this describes. */
    DeviceSelection selection();

    /** For an operator: "3 devices: iad-1, iad-2, iad-3", "model IAD-1000", ... */
    default String describe() {
        return selection().toString();
    }

    static SelectionDto of(DeviceSelection s) {
        return switch (s.kind()) {
            case LIST -> new Devices("list", s.deviceIds());
            case MODEL -> new Model("model", s.model());
            case OLDER_THAN_TARGET -> new Older("older", s.model());
        };
    }

    /**
     * The devices named.
     *
     * @param kind    {@code list}
     * @param devices their ids, in order
     */
    record Devices(String kind, List<String> devices) implements SelectionDto {
        public Devices {
            devices = List.copyOf(devices);
        }

        @Override
        public DeviceSelection selection() {
            return DeviceSelection.list(devices);
        }
    }

    /**
     * Every device of a model.
     *
     * @param kind  {@code model}
     * @param model the model
     */
    record Model(String kind, String model) implements SelectionDto {
        @Override
        public DeviceSelection selection() {
            return DeviceSelection.model(model);
        }
    }

    /**
     * Every device (of a model) on a version older than the target.
     *
     * @param kind  {@code older}
     * @param model the model, or {@code null} for every model
     */
    record Older(String kind, String model) implements SelectionDto {
        @Override
        public DeviceSelection selection() {
            return DeviceSelection.olderThanTarget(model);
        }
    }
}
