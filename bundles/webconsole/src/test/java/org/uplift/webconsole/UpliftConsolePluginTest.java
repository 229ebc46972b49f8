package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.uplift.api.workflow.JobState;

/** The servlet as the console calls it: framing headers on every answer, and decisions only with the page's token. */
class UpliftConsolePluginTest {

    private final FakeUpgrades upgrades = new FakeUpgrades()
            .add(FakeUpgrades.job("wait1", "iad-1", JobState.AWAITING_DECISION, "UPDATE failed: transferFailed"));
    private final UpliftConsolePlugin plugin = new UpliftConsolePlugin(objects(upgrades), objects(new FakeCampaigns()));

    /** A response that records status, headers and body. */
    private static final class Answer {
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final StringWriter body = new StringWriter();
        int status = 200;

        HttpServletResponse response() {
            PrintWriter writer = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{HttpServletResponse.class}, (p, m, args) -> switch (m.getName()) {
                        case "setHeader" -> {
                            headers.put((String) args[0], (String) args[1]);
                            yield null;
                        }
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getWriter" -> writer;
                        case "isCommitted" -> false;
                        case "setContentType", "setCharacterEncoding" -> null;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    private static HttpServletRequest request(String method, String pathInfo, String user, Map<String, String> params,
            Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(UpliftConsolePluginTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getRemoteUser" -> user;
                    case "getParameter" -> params.get((String) args[0]);
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getAttribute" -> null;
                    case "getContextPath" -> "";
                    case "getServletPath" -> "/system/console";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static <S> ComponentServiceObjects<S> objects(S service) {
        return new ComponentServiceObjects<>() {
            @Override
            public S getService() {
                return service;
            }

            @Override
            public void ungetService(S s) {
            }

            @Override
            public ServiceReference<S> getServiceReference() {
                return null;
            }
        };
    }

    private Answer get(String pathInfo, String user) throws Exception {
        Answer a = new Answer();
        plugin.doGet(request("GET", pathInfo, user, Map.of(), Map.of()), a.response());
        return a;
    }

    private Answer post(String user, String token) throws Exception {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put(RequestTokens.HEADER, token);
        }
        Answer a = new Answer();
        plugin.doPost(request("POST", "/uplift", user, Map.of("action", "retry", "job", "wait1"), headers),
                a.response());
        return a;
    }

    private static void assertNotFramable(Answer a) {
        assertEquals("DENY", a.headers.get("X-Frame-Options"));
        assertEquals("frame-ancestors 'none'", a.headers.get("Content-Security-Policy"));
    }

    private static String tokenOf(String page) {
        Matcher m = Pattern.compile("data-token=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    @Test
    void givenThePageItsDataAndADecision_whenAnswered_thenNoneMayBeFramed() throws Exception {
        assertNotFramable(get("/uplift", "karaf"));
        assertNotFramable(get("/uplift/data.json", "karaf"));
        assertNotFramable(post("karaf", null));
    }

    @Test
    void givenThePagesToken_whenADecisionIsPosted_thenItIsMadeAndWithoutItNothingIs() throws Exception {
        String token = tokenOf(get("/uplift", "karaf").body.toString());

        Answer missing = post("karaf", null);
        assertEquals(403, missing.status);
        assertTrue(missing.body.toString().startsWith("{\"error\":\"Refused:"), missing.body.toString());
        assertEquals(403, post("mallory", token).status, "the token is the page user's, not a bearer pass");
        assertEquals(403, post("karaf", token.substring(1)).status);
        assertEquals(List.of(), upgrades.decisions, "nothing decided without the token");

        Answer decided = post("karaf", token);
        assertEquals(200, decided.status, decided.body.toString());
        assertEquals(List.of("wait1 RETRY"), upgrades.decisions);
    }
}
