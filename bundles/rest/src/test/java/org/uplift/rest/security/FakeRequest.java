package org.uplift.rest.security;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/** A request as the filters see it: method, URI, headers; records what a filter aborted with or set. */
final class FakeRequest {

    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Response aborted;
    private SecurityContext security;

    FakeRequest(String method, String uri) {
        this.method = method;
        this.uri = URI.create(uri);
        headers.put("Host", this.uri.getRawAuthority());
    }

    FakeRequest header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    FakeRequest caller(String user, Role role) {
        security = new Caller(user, role, false);
        return this;
    }

    Response aborted() {
        return aborted;
    }

    SecurityContext security() {
        return security;
    }

    ContainerRequestContext context() {
        UriInfo uriInfo = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{UriInfo.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getRequestUri" -> uri;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ContainerRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeaderString" -> headers.get((String) args[0]);
                    case "getUriInfo" -> uriInfo;
                    case "getSecurityContext" -> security;
                    case "setSecurityContext" -> {
                        security = (SecurityContext) args[0];
                        yield null;
                    }
                    case "abortWith" -> {
                        if (aborted != null) {
                            throw new IllegalStateException("aborted twice");
                        }
                        aborted = (Response) args[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
