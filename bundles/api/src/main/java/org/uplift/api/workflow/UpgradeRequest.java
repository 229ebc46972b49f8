package org.uplift.api.workflow;

import java.util.Objects;

/**
 * What to upgrade: a device, the target version of its model, what to do when a step fails, and the
 * campaign the job belongs to.
 *
 * @param deviceId        the device
 * @param firmwareVersion target software version; an image of the device's model must be in the catalogue
 * @param policy          retry policy for failed steps
 * @param campaignId      the campaign, or {@code null}
 * @since 0.1
 */
public record UpgradeRequest(String deviceId, String firmwareVersion, RetryPolicy policy, String campaignId) {

    public UpgradeRequest {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        policy = policy == null ? RetryPolicy.ASK : policy;
    }
}
