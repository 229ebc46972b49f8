package org.uplift.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.UpgradeService;

/**
 * The Uplift page of the Apache Felix Web Console ({@code /system/console/uplift}): a plain servlet service with
 * the console's plugin properties, so the console picks it up when both are installed and drops it when this
 * bundle or Uplift's services go. The console wraps GETs of the page in its header and navigation and hands
 * {@code data.json} and POSTs through unchanged.
 *
 * <p>Uplift's services are fetched on first use ({@link LazyService}), not when the page starts: a service that is
 * registered but cannot be activated right now (its database locked, say) then costs one error line on the page,
 * instead of the console dropping the page for good (it does not ask again for a plugin it could not get).
 *
 * <ul>
 * <li>GET {@code uplift[?job=ID]}: jobs, campaigns, and the step history of job ID;</li>
 * <li>GET {@code uplift/data.json[?job=ID]}: the same as JSON, polled by the page every two seconds;</li>
 * <li>POST {@code uplift} with {@code action=retry|abort}, {@code job=ID} and the page's
 * {@value RequestTokens#HEADER} header: the operator's decision. Only POST changes anything.</li>
 * </ul>
 * Every answer forbids framing ({@link FramingHeaders}).
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + UpliftConsolePlugin.LABEL,
        "felix.webconsole.title=Uplift",
        "felix.webconsole.category=Main"})
public class UpliftConsolePlugin extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String LABEL = "uplift";
    private static final String DATA = "/data.json";
    private static final String JSON = "application/json;charset=UTF-8";
    private static final String UNAVAILABLE = "Uplift's job services are registered but could not be started just now; "
            + "the Karaf log says why (the page retries every two seconds).";

    private final transient LazyService<UpgradeService> upgrades;
    private final transient LazyService<CampaignService> campaigns;
    private final transient RequestTokens tokens = new RequestTokens();
    private final transient PageRenderer page = new PageRenderer(resource("uplift.css"), resource("uplift.js"));

    @Activate
    public UpliftConsolePlugin(@Reference ComponentServiceObjects<UpgradeService> upgrades,
            @Reference ComponentServiceObjects<CampaignService> campaigns) {
        this.upgrades = new LazyService<>(upgrades);
        this.campaigns = new LazyService<>(campaigns);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        FramingHeaders.apply(resp);
        String sub = subPath(req);
        if (sub.isEmpty() || sub.equals("/")) {
            // the console has set the content type and written its header; this is the page's body
            resp.getWriter().write(page.render(snapshot(req.getParameter("job")), pluginRoot(req),
                    tokens.tokenFor(req.getRemoteUser())));
        } else if (sub.equals(DATA)) {
            ConsoleSnapshot snapshot = snapshot(req.getParameter("job"));
            resp.setContentType(JSON);
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.getWriter().write(PageJson.write(PageData.of(snapshot)));
        } else if (sub.indexOf('.') < 0) {
            // the console has already written its header around this: say it in the page
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            resp.getWriter().write("<p class=\"uplift-error\">No such Uplift page; Uplift's page is <a href=\""
                    + Html.escape(pluginRoot(req)) + "\">here</a>.</p>");
        } else {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        FramingHeaders.apply(resp);
        String sub = subPath(req);
        if (!(sub.isEmpty() || sub.equals("/"))) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        DecisionRequests.Outcome outcome = decide(req.getParameter("action"), req.getParameter("job"),
                req.getHeader(RequestTokens.HEADER), req.getRemoteUser());
        resp.setStatus(outcome.status());
        resp.setContentType(JSON);
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.getWriter().write(PageJson.write(outcome.ok() ? Map.of("message", outcome.message())
                : Map.of("error", outcome.message())));
    }

    private ConsoleSnapshot snapshot(String selectedJob) {
        UpgradeService u = upgrades.get();
        CampaignService c = campaigns.get();
        if (u == null || c == null) {
            return ConsoleSnapshot.failed(UNAVAILABLE);
        }
        return new SnapshotReader(u, c).read(selectedJob);
    }

    private DecisionRequests.Outcome decide(String action, String jobId, String token, String user) {
        UpgradeService u = upgrades.get();
        if (u == null) {
            return new DecisionRequests.Outcome(503, UNAVAILABLE);
        }
        return new DecisionRequests(u, tokens).handle(action, jobId, token, user);
    }

    /** What follows {@code /uplift} in the request path: "" for the page itself. */
    static String subPath(HttpServletRequest req) {
        String info = req.getPathInfo();
        if (info == null) {
            return "";
        }
        String prefix = "/" + LABEL;
        return info.startsWith(prefix) ? info.substring(prefix.length()) : info;
    }

    /** The page's own absolute path, as the console tells its plugins; where the script sends its requests. */
    private static String pluginRoot(HttpServletRequest req) {
        Object root = req.getAttribute("felix.webconsole.pluginRoot");
        if (root != null) {
            return root.toString();
        }
        return req.getContextPath() + req.getServletPath() + "/" + LABEL;
    }

    private static String resource(String name) {
        try (InputStream in = UpliftConsolePlugin.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
