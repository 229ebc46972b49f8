package org.uplift.rest;

import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeRequest;

/**
 * The body of {@code POST /uplift/jobs}.
 *
 * @param device   the device id (required)
 * @param firmware the target version (required)
 * @param policy   as {@code uplift:upgrade --policy}; {@code ask} when absent
 */
public record JobStart(String device, String firmware, String policy) {

    /** The engine's request; a bad policy is refused as 400. */
    UpgradeRequest toRequest() {
        String deviceId = Fields.required("device", device);
        String version = Fields.required("firmware", firmware);
        try {
            return new UpgradeRequest(deviceId, version, RetryPolicy.parse(Fields.optional(policy).orElse("ask")),
                    null);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
