package org.uplift.rest;

import java.util.List;

import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.WaveSize;

/**
 * The body of {@code POST /uplift/campaigns}, with the defaults of {@code uplift:campaign-start}.
 *
 * @param firmware    the target version (required)
 * @param devices     the device ids; or
 * @param model       every device of this model; or
 * @param older       every device on an older version (of {@code model}, if given)
 * @param concurrency most jobs unfinished at once; 5 when absent
 * @param waves       cumulative wave sizes; "1,10%,100%" when absent
 * @param threshold   the error threshold in percent; 20 when absent
 * @param policy      the jobs' retry policy; "abort" when absent
 */
public record CampaignStart(String firmware, List<String> devices, String model, Boolean older, Integer concurrency,
        String waves, Integer threshold, String policy) {

    /** The service's request; the API records' own checks (concurrency, threshold, waves) answer as 400. */
    CampaignRequest toRequest() {
        String version = Fields.required("firmware", firmware);
        try {
            List<WaveSize> sizes = CampaignRequest.parseWaves(Fields.optional(waves).orElse("1,10%,100%"));
            return new CampaignRequest(version, selection(), concurrency == null ? 5 : concurrency, sizes,
                    threshold == null ? 20 : threshold, RetryPolicy.parse(Fields.optional(policy).orElse("abort")));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private DeviceSelection selection() {
        List<String> ids = Fields.texts("devices", devices);
        boolean olderOnly = older != null && older;
        String modelName = Fields.optional(model).orElse(null);
        if (!ids.isEmpty()) {
            if (modelName != null || olderOnly) {
                throw ApiException.badRequest("\"devices\" names the devices: leave out \"model\" and \"older\"");
            }
            return DeviceSelection.list(ids);
        }
        if (olderOnly) {
            return DeviceSelection.olderThanTarget(modelName);
        }
        if (modelName != null) {
            return DeviceSelection.model(modelName);
        }
        throw ApiException.badRequest(
                "choose the devices: \"devices\": [ids], \"model\": \"M\", or \"older\": true (with an optional \"model\")");
    }
}
