package org.uplift.rest.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.rest.security.Answers.refusal;
import static org.uplift.rest.security.BasicCredentialsTest.basic;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private final FakeLogins realm = new FakeLogins()
            .user("viewer", "v-pw", "viewer")
            .user("operator", "o-pw", "operator")
            .user("karaf", "k-pw", "group", "admin", "manager", "viewer")
            .user("nobody", "n-pw", "ssh");
    private final Authentication authentication = new Authentication(realm,
            new RoleMapping(new String[]{"viewer"}, new String[]{"operator"}, new String[]{"admin"}));

    private FakeRequest send(String authorization) {
        FakeRequest request = new FakeRequest("GET", "http://127.0.0.1:8181/uplift/jobs").header("Authorization",
                authorization);
        authentication.filter(request.context());
        return request;
    }

    @Test
    void givenNoCredentials_whenRequested_then401WithABasicChallengeForTheRealm() {
        for (String header : new String[]{null, "Bearer x", "Basic ???"}) {
            FakeRequest r = send(header);
            assertTrue(refusal(r.aborted(), 401).startsWith("authentication required"), header);
            assertEquals("Basic realm=\"karaf\", charset=\"UTF-8\"", r.aborted().getHeaderString("WWW-Authenticate"));
            assertNull(r.security());
        }
    }

    @Test
    void givenAWrongPasswordOrUnknownUser_whenRequested_then401AndTheRealmsReasonIsNotTold() {
        for (String header : new String[]{basic("operator:wrong"), basic("mallory:o-pw")}) {
            Response r = send(header).aborted();
            String error = refusal(r, 401);
            assertEquals("wrong user name or password", error);
            assertTrue(r.getHeaderString("WWW-Authenticate").startsWith("Basic realm="));
        }
    }

    @Test
    void givenAUserOfTheRealmWithoutAnUpliftRole_whenRequested_then403() {
        assertEquals("user nobody holds no Uplift role (viewer, operator or admin)",
                refusal(send(basic("nobody:n-pw")).aborted(), 403));
    }

    @Test
    void givenValidCredentials_whenRequested_thenTheCallerAndItsRoleAreTheRequestsSecurityContext() {
        FakeRequest viewer = send(basic("viewer:v-pw"));
        assertNull(viewer.aborted());
        Caller caller = (Caller) viewer.security();
        assertEquals("viewer", caller.getUserPrincipal().getName());
        assertEquals(Role.VIEWER, caller.role());
        assertTrue(caller.isUserInRole("viewer"));
        assertFalse(caller.isUserInRole("operator"));

        Caller admin = (Caller) send(basic("karaf:k-pw")).security();
        assertEquals(Role.ADMIN, admin.role());
        assertTrue(admin.isUserInRole("operator") && admin.isUserInRole("viewer"));
        assertFalse(admin.isUserInRole("manager"), "only Uplift's role names");
        assertEquals("BASIC", admin.getAuthenticationScheme());
    }

    @Test
    void givenALogin_whenDone_thenThePasswordArrayIsWipedAndAppearsInNoAnswer() {
        Response refused = send(basic("operator:wrong-and-secret")).aborted();
        assertFalse(((Object) refused.getEntity()).toString().contains("wrong-and-secret"));
        send(basic("operator:o-pw"));
        assertEquals(2, realm.passwordsSeen.size());
        for (char[] seen : realm.passwordsSeen) {
            assertArrayEquals(new char[seen.length], seen);
        }
    }

    @Test
    void givenTheRealmIsMissing_whenRequested_then503WithoutDetails() {
        realm.realmMissing = true;
        assertEquals("authentication is unavailable; the Karaf log says why",
                refusal(send(basic("operator:o-pw")).aborted(), 503));
    }
}
