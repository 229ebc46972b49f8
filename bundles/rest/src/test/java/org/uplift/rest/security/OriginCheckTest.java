package org.uplift.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.rest.security.Answers.refusal;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OriginCheckTest {

    private static final String API = "http://127.0.0.1:8181/uplift/campaigns";

    private final OriginCheck check = new OriginCheck(Set.of("https://NMS.example:443", "http://ui.example:3000"));

    private FakeRequest send(String method, String origin, String referer) {
        FakeRequest request = new FakeRequest(method, API).header("Origin", origin).header("Referer", referer);
        check.filter(request.context());
        return request;
    }

    @Test
    void givenAForeignOrigin_whenItChangesState_then403() {
        for (String method : new String[]{"POST", "PUT", "DELETE", "PATCH"}) {
            String error = refusal(send(method, "http://evil.example", null).aborted(), 403);
            assertTrue(error.startsWith("refused: Origin http://evil.example is not this API's origin"), error);
        }
        // a sandboxed frame or a data: page sends "null"; another port or scheme of the same host is another origin
        for (String origin : new String[]{"null", "http://127.0.0.1:8182", "https://127.0.0.1:8181",
                "http://localhost:8181"}) {
            refusal(send("POST", origin, null).aborted(), 403);
        }
    }

    @Test
    void givenNoOriginButAForeignReferer_whenItChangesState_then403() {
        String error = refusal(send("POST", null, "http://evil.example/page.html?x=1").aborted(), 403);
        assertTrue(error.startsWith("refused: Referer http://evil.example/page.html?x=1"), error);
    }

    @Test
    void givenTheApisOwnOriginOrAnAllowedOne_whenItChangesState_thenItPasses() {
        assertNull(send("POST", "http://127.0.0.1:8181", null).aborted());
        assertNull(send("POST", null, "http://127.0.0.1:8181/system/console/uplift").aborted());
        assertNull(send("POST", "https://nms.example", null).aborted(), "case and the default port do not matter");
        assertNull(send("DELETE", "http://ui.example:3000", null).aborted());
    }

    @Test
    void givenNeitherOriginNorReferer_whenItChangesState_thenItPasses() {
        // curl, scripts, a host UI's server: no browser sent it, so no browser could have been tricked into it
        assertNull(send("POST", null, null).aborted());
    }

    @Test
    void givenAForeignOrigin_whenItOnlyReads_thenItPasses() {
        assertNull(send("GET", "http://evil.example", null).aborted());
        assertNull(send("HEAD", "http://evil.example", "http://evil.example/").aborted());
    }

    @Test
    void givenTheHostHeader_whenTheOwnOriginIsWorkedOut_thenItIsWhatTheClientReached() {
        FakeRequest proxied = new FakeRequest("POST", API).header("Host", "nms-gw.example:8443").header("Origin",
                "http://nms-gw.example:8443");
        check.filter(proxied.context());
        assertNull(proxied.aborted());
        FakeRequest noPort = new FakeRequest("POST", "http://api.example/uplift/jobs").header("Origin",
                "http://api.example:80");
        check.filter(noPort.context());
        assertNull(noPort.aborted());
    }

    @Test
    void givenOrigins_whenNormalized_thenSchemeHostAndOnlyANonDefaultPort() {
        assertEquals(Optional.of("https://nms.example"), OriginCheck.normalize("HTTPS://Nms.Example:443/x"));
        assertEquals(Optional.of("http://[::1]:8181"), OriginCheck.normalize("http://[::1]:8181"));
        assertEquals(Optional.empty(), OriginCheck.normalize("null"));
        assertEquals(Optional.empty(), OriginCheck.normalize("not a url"));
    }
}
