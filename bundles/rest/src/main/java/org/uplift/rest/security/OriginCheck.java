package org.uplift.rest.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

import org.uplift.rest.JsonErrors;

/**
 * Refuses a state-changing request (any method but GET, HEAD and OPTIONS) that a web page of another origin sent:
 * its {@code Origin} header, or without one its {@code Referer}, names an origin that is neither the API's own
 * (the scheme of the request and its {@code Host}) nor on the configured allow-list. A browser sends {@code Origin}
 * on every cross-origin POST, even a {@code no-cors} one that needs no preflight, and would add the operator's
 * remembered Basic credentials to it; that is the forgery this stops. A request with neither header (curl, a
 * script, a server-side host UI) is not a browser's cross-site request and passes.
 */
@PreMatching
public final class OriginCheck implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> allowed;

    /** @param allowedOrigins origins such as {@code https://nms.example:8443} also allowed to change state */
    public OriginCheck(Set<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(o -> normalize(o).orElse(o)).collect(Collectors.toSet());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        String source = "Origin";
        if (origin == null) {
            String referer = request.getHeaderString("Referer");
            if (referer == null) {
                return;
            }
            origin = referer;
            source = "Referer";
        }
        Optional<String> from = normalize(origin);
        if (from.isPresent() && (from.equals(own(request)) || allowed.contains(from.get()))) {
            return;
        }
        request.abortWith(JsonErrors.response(403, "refused: " + source + " " + origin + " is not this API's origin"
                + " nor in allowedOrigins of org.uplift.rest.security"));
    }

    /** The API's origin as the client reached it: the request's scheme and its Host header. */
    private static Optional<String> own(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String host = request.getHeaderString(HttpHeaders.HOST);
        if (host == null || host.isBlank()) {
            host = uri.getRawAuthority();
        }
        return host == null ? Optional.empty() : normalize(uri.getScheme() + "://" + host.trim());
    }

    /**
     * {@code scheme://host[:port]} in lower case with the scheme's default port left out, from an origin or any
     * URL; empty for what is no such URL ({@code null} of a sandboxed page, garbage).
     */
    static Optional<String> normalize(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                    || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
