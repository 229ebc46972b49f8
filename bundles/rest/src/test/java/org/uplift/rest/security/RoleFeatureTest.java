package org.uplift.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.uplift.rest.security.Answers.refusal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;

import org.junit.jupiter.api.Test;
import org.uplift.rest.BackupsResource;
import org.uplift.rest.FirmwareResource;
import org.uplift.rest.JobsResource;

class RoleFeatureTest {

    /** The check RoleFeature binds to a method, through the JAX-RS interfaces it is given. */
    static ContainerRequestFilter checkOf(Method method) {
        ResourceInfo info = (ResourceInfo) Proxy.newProxyInstance(RoleFeatureTest.class.getClassLoader(),
                new Class<?>[]{ResourceInfo.class}, (p, m, args) -> switch (m.getName()) {
                    case "getResourceMethod" -> method;
                    case "getResourceClass" -> method.getDeclaringClass();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        List<Object> registered = new ArrayList<>();
        FeatureContext context = (FeatureContext) Proxy.newProxyInstance(RoleFeatureTest.class.getClassLoader(),
                new Class<?>[]{FeatureContext.class}, (p, m, args) -> {
                    if (m.getName().equals("register")) {
                        registered.add(args[0]);
                        return p;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        new RoleFeature().configure(info, context);
        assertEquals(1, registered.size());
        return (ContainerRequestFilter) registered.get(0);
    }

    private static Method method(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(type.getSimpleName() + " has no " + name);
    }

    private static FakeRequest call(Method method, String user, Role role) throws Exception {
        FakeRequest request = new FakeRequest("POST", "http://127.0.0.1:8181/uplift/x");
        if (role != null) {
            request.caller(user, role);
        }
        checkOf(method).filter(request.context());
        return request;
    }

    @Test
    void givenAViewer_whenItStartsOrDecides_then403NamingBothRoles() throws Exception {
        assertEquals("user ann is viewer; this needs operator",
                refusal(call(method(JobsResource.class, "start"), "ann", Role.VIEWER).aborted(), 403));
        refusal(call(method(JobsResource.class, "abort"), "ann", Role.VIEWER).aborted(), 403);
    }

    @Test
    void givenAnOperatorOrAnAdmin_whenItStarts_thenItPasses() throws Exception {
        assertNull(call(method(JobsResource.class, "start"), "olga", Role.OPERATOR).aborted());
        assertNull(call(method(JobsResource.class, "retry"), "root", Role.ADMIN).aborted());
        assertNull(call(method(JobsResource.class, "list"), "ann", Role.VIEWER).aborted());
    }

    @Test
    void givenBackups_whenAViewerAsksForContentsOrADiff_then403ButTheListPasses() throws Exception {
        refusal(call(method(BackupsResource.class, "show"), "ann", Role.VIEWER).aborted(), 403);
        refusal(call(method(BackupsResource.class, "diff"), "ann", Role.VIEWER).aborted(), 403);
        assertNull(call(method(BackupsResource.class, "list"), "ann", Role.VIEWER).aborted());
        assertNull(call(method(BackupsResource.class, "show"), "olga", Role.OPERATOR).aborted());
    }

    @Test
    void givenTheCatalogue_whenAnOperatorRemovesFirmware_then403AndAnAdminPasses() throws Exception {
        refusal(call(method(FirmwareResource.class, "remove"), "olga", Role.OPERATOR).aborted(), 403);
        assertNull(call(method(FirmwareResource.class, "remove"), "root", Role.ADMIN).aborted());
    }

    @Test
    void givenAMethodWithoutRequires_whenCalledEvenByAnAdmin_then403() throws Exception {
        assertEquals("this endpoint declares no role; nobody may call it",
                refusal(call(Object.class.getMethod("toString"), "root", Role.ADMIN).aborted(), 403));
    }

    @Test
    void givenNoAuthenticatedCaller_whenAMethodIsCalled_then401() throws Exception {
        refusal(call(method(JobsResource.class, "list"), null, null).aborted(), 401);
    }
}
