package org.uplift.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.Consumes;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import javax.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;
import org.uplift.rest.JobsResource;

/** What every endpoint of the API declares: its role, and JSON as the only body it takes. */
class EndpointDeclarationsTest {

    /** Every resource class of org.uplift.rest, found on disk so a new one cannot be missed. */
    private static List<Class<?>> resources() throws Exception {
        File dir = new File(JobsResource.class.getResource("JobsResource.class").toURI()).getParentFile();
        List<Class<?>> found = new ArrayList<>();
        for (String name : dir.list((d, n) -> n.endsWith(".class"))) {
            Class<?> type = Class.forName("org.uplift.rest." + name.substring(0, name.length() - ".class".length()));
            if (type.isAnnotationPresent(Path.class)) {
                found.add(type);
            }
        }
        assertEquals(6, found.size(), found.toString());
        return found;
    }

    /** "Class.method" -> its HTTP method, for every resource method. */
    private static Map<String, Method> endpoints() throws Exception {
        Map<String, Method> all = new TreeMap<>();
        for (Class<?> type : resources()) {
            for (Method m : type.getDeclaredMethods()) {
                if (httpMethod(m) != null) {
                    all.put(type.getSimpleName() + "." + m.getName(), m);
                }
            }
        }
        return all;
    }

    private static String httpMethod(Method m) {
        return Arrays.stream(m.getAnnotations()).map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(h -> h != null).map(HttpMethod::value).findFirst().orElse(null);
    }

    @Test
    void givenEveryEndpoint_whenItsRoleIsRead_thenReadsNeedViewerAndEveryChangeAtLeastOperator() throws Exception {
        Map<String, Method> endpoints = endpoints();
        assertTrue(endpoints.size() >= 18, endpoints.keySet().toString());
        for (Map.Entry<String, Method> e : endpoints.entrySet()) {
            Role role = RoleFeature.required(e.getValue());
            assertNotNull(role, e.getKey() + " declares no @Requires");
            if (!httpMethod(e.getValue()).equals(HttpMethod.GET)) {
                assertTrue(role.includes(Role.OPERATOR), e.getKey() + " changes state with only " + role);
            }
        }
        assertEquals(Role.OPERATOR, RoleFeature.required(endpoints.get("BackupsResource.show")), "backup contents");
        assertEquals(Role.OPERATOR, RoleFeature.required(endpoints.get("BackupsResource.diff")), "a diff shows lines");
        assertEquals(Role.VIEWER, RoleFeature.required(endpoints.get("BackupsResource.list")));
        assertEquals(Role.ADMIN, RoleFeature.required(endpoints.get("FirmwareResource.remove")));
    }

    @Test
    void givenEveryEndpointThatReadsABody_whenDeclared_thenItConsumesJsonOnly() throws Exception {
        int bodies = 0;
        for (Map.Entry<String, Method> e : endpoints().entrySet()) {
            Method m = e.getValue();
            boolean takesBody = Arrays.stream(m.getParameters()).anyMatch(p -> p.getAnnotations().length == 0);
            if (takesBody) {
                bodies++;
                Consumes consumes = m.getAnnotation(Consumes.class);
                assertNotNull(consumes, e.getKey() + " reads a body of any type");
                assertEquals(List.of(MediaType.APPLICATION_JSON), List.of(consumes.value()), e.getKey());
            }
        }
        assertEquals(2, bodies, "POST /jobs and POST /campaigns");
    }
}
