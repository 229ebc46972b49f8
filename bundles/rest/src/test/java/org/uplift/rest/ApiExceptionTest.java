package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;

/** The one place the engine's refusals become HTTP statuses: by their reason, with their message. */
class ApiExceptionTest {

    @Test
    void givenEveryReason_whenMapped_thenItsDocumentedStatus() {
        Map<Reason, Integer> expected = new EnumMap<>(Reason.class);
        expected.put(Reason.UNKNOWN_DEVICE, 400);
        expected.put(Reason.UNKNOWN_FIRMWARE, 400);
        expected.put(Reason.INVALID_REQUEST, 400);
        expected.put(Reason.UNKNOWN_JOB, 404);
        expected.put(Reason.UNKNOWN_CAMPAIGN, 404);
        expected.put(Reason.BUSY, 409);
        expected.put(Reason.NOT_WAITING, 409);
        expected.put(Reason.REFUSED_BY_PREFLIGHT, 409);
        expected.put(Reason.DEVICE_UNREACHABLE, 409);
        expected.put(Reason.UNAVAILABLE, 503);
        assertEquals(Reason.values().length, expected.size(), "every reason has its status");
        for (Reason reason : Reason.values()) {
            ApiException e = ApiException.of(new UpgradeException(reason, "why " + reason));
            assertEquals(expected.get(reason), e.status(), reason.name());
            assertEquals("why " + reason, e.getMessage());
            assertEquals(expected.get(reason), e.getResponse().getStatus(), "the runtime sees the same status");
        }
    }
}
