package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Issue 7, item 4: the JSON API for a host UI over the OSGi JAX-RS Whiteboard. Uplift is installed first, with
 * Pax Web serving HTTP but no whiteboard: there is no {@code /uplift} and no REST bundle. Installing a whiteboard
 * (feature {@code uplift-jaxrs-whiteboard} of {@code uplift-rest-features}) brings the REST bundle in through
 * feature {@code uplift}'s conditional; then a simulated IAD is upgraded, and another whose download fails is
 * retried and aborted, over HTTP only, while an event stream reports every step.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestIT extends UpliftTestSupport {

    private static final String HTTP_PORT = "uplift.it.httpPort";
    private static final String REST_FEATURES = "uplift.it.restFeatures";
    private static final String INTEROP_REQUIRED = "uplift.interop.required";
    /** Logged by Felix when the Aries JAX-RS spec bundle starts on a JDK that checks zip extra fields (see features/rest). */
    private static final String KNOWN_THIRD_PARTY_ERROR = "Unable to extract embedded JAR file";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Users of the test Karaf's realm (etc/users.properties: {@code user = password,role,...}). */
    private static final String VIEWER = "vera:vera-pw";
    private static final String OPERATOR = "otto:otto-pw";
    private static final String ADMIN = "ada:ada-pw";
    /** In realm karaf but holding only Karaf's own roles, none of Uplift's. */
    private static final String STRANGER = "sam:sam-pw";

    /** What was seen before the whiteboard was installed (whichever test runs first installs it). */
    private static boolean restBundleBefore;
    private static int devicesStatusBefore;
    private static boolean whiteboardInstalled;
    private static boolean fleetReady;

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        File root = new File(System.getProperty("uplift.root"));
        int http = freeLoopbackTcpPort();
        return uplift(2, "2=download-fail",
                editConfigurationFilePut("etc/system.properties", HTTP_PORT, Integer.toString(http)),
                editConfigurationFilePut("etc/system.properties", REST_FEATURES,
                        new File(System.getProperty("uplift.rest.features.xml")).toURI().toString()),
                editConfigurationFilePut("etc/system.properties", INTEROP_REQUIRED,
                        System.getProperty(INTEROP_REQUIRED, "false")),
                // uplift-rest-features names uplift-features by mvn: URL; mvn verify installs nothing, so put it in system/
                replaceConfigurationFile("system/org/uplift/uplift-features/" + version + "/uplift-features-" + version
                        + "-features.xml", new File(root, "features/uplift/target/feature/feature.xml")),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        Integer.toString(http)),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses",
                        "127.0.0.1"),
                editConfigurationFilePut("etc/users.properties", "vera", "vera-pw,viewer"),
                editConfigurationFilePut("etc/users.properties", "otto", "otto-pw,operator"),
                editConfigurationFilePut("etc/users.properties", "ada", "ada-pw,admin"),
                editConfigurationFilePut("etc/users.properties", "sam", "sam-pw,manager,ssh"),
                // Pax Web serves HTTP from the start, so "no /uplift" is an answer, not a refused connection
                features(maven().groupId("org.apache.karaf.features").artifactId("standard")
                        .version(System.getProperty("karaf.version")).classifier("features").type("xml"), "http"));
    }

    @Test
    public void givenUpliftWithoutAWhiteboard_whenOneIsInstalled_thenTheRestBundleComesWithItAndListsTheDevices()
            throws Exception {
        installWhiteboard();
        assertFalse("no REST bundle before a whiteboard runs", restBundleBefore);
        assertEquals("no /uplift before a whiteboard runs (Pax Web answered)", 404, devicesStatusBefore);

        Bundle rest = restBundle();
        assertNotNull("the conditional of feature uplift installed the REST bundle", rest);
        assertEquals(Bundle.ACTIVE, rest.getState());
        String features = executeCommand("feature:list -i");
        assertFalse("only the whiteboard was asked for, not uplift-rest\n" + features,
                features.lines().anyMatch(l -> l.trim().startsWith("uplift-rest ")));

        HttpResponse<String> devices = get("/uplift/devices");
        assertEquals(devices.body(), 200, devices.statusCode());
        assertJson(devices);
        assertTrue(devices.body(),
                devices.body().contains("\"id\":\"iad-1\"") && devices.body().contains("\"id\":\"iad-2\""));
        assertTrue(devices.body(), devices.body().contains("\"snmpPort\":" + intProperty(SIM_BASE_PORT)));
        assertFalse("the community never appears: " + devices.body(), devices.body().contains("private"));

        HttpResponse<String> one = get("/uplift/devices/iad-1");
        assertEquals(200, one.statusCode());
        assertTrue(one.body(), one.body().contains("\"snmp\":{\"version\":\"v2c\"}"));
        HttpResponse<String> firmware = get("/uplift/firmware/IAD-1000-2.0.0");
        assertEquals(firmware.body(), 200, firmware.statusCode());
        assertTrue(firmware.body(), firmware.body().contains("\"version\":\"2.0.0\""));
        assertKarafLogClean();
    }

    @Test
    public void givenAHealthyDevice_whenAJobIsPosted_thenItIsDoneAndTheEventStreamReportedEveryStep() throws Exception {
        installWhiteboard();
        try (EventStream events = EventStream.open(url("/uplift/events"))) {
            events.await("event: subscribed", 30);

            HttpResponse<String> created = post("/uplift/jobs",
                    "{\"device\": \"iad-1\", \"firmware\": \"2.0.0\", \"policy\": \"ask\"}");
            assertEquals(created.body(), 201, created.statusCode());
            assertJson(created);
            String id = field(created.body(), "id");
            String location = created.headers().firstValue("Location").orElseThrow();
            assertEquals(url("/uplift/jobs/" + id), location);

            String done = awaitState(id, "DONE", 120);
            for (String state : List.of("BACKUP", "VERIFY_BACKUP", "KEEP_OLD_VERSION", "UPDATE", "VERIFY_UPDATE",
                    "MIGRATE_CONFIG", "RESTORE", "VERIFY_RESTORE", "DONE")) {
                assertTrue(state + " in the history: " + done, done.contains("{\"state\":\"" + state + "\""));
                events.await("\"job\":\"" + id + "\",\"device\":\"iad-1\",\"state\":\"" + state + "\"", 10);
            }
            assertTrue(done, done.contains("\"progress\":null"));
        }
        HttpResponse<String> backups = get("/uplift/devices/iad-1/backups");
        assertTrue(backups.body(), backups.body().contains("\"version\":1"));
        HttpResponse<String> backup = get("/uplift/devices/iad-1/backups/1");
        assertEquals(backup.body(), 200, backup.statusCode());
        String content = unescape(field(backup.body(), "content"));
        assertTrue(content, content.startsWith("# uplift-iad running configuration"));
        assertEquals("the content served is the stored one", field(backup.body(), "sha256"), HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    public void givenADeviceWhoseDownloadFails_whenRetriedThenAbortedOverRest_thenItEndsOnItsOldVersion()
            throws Exception {
        installWhiteboard();
        try (EventStream events = EventStream.open(url("/uplift/events"))) {
            events.await("event: subscribed", 30);
            HttpResponse<String> created = post("/uplift/jobs", "{\"device\": \"iad-2\", \"firmware\": \"2.0.0\"}");
            assertEquals(created.body(), 201, created.statusCode());
            String id = field(created.body(), "id");

            String waiting = awaitState(id, "AWAITING_DECISION", 120);
            assertTrue(waiting, field(waiting, "message").startsWith("UPDATE failed"));
            events.await("event: decision", 10);
            events.await("\"failedStep\":\"UPDATE\"", 10);

            HttpResponse<String> waitingList = get("/uplift/jobs?state=AWAITING_DECISION");
            assertTrue(waitingList.body(), waitingList.body().contains("\"id\":\"" + id + "\""));

            // the engine refuses a second job of the device (Reason.BUSY) in words of its own; REST answers 409
            HttpResponse<String> busy = post("/uplift/jobs", "{\"device\": \"iad-2\", \"firmware\": \"2.0.0\"}");
            assertError(busy, 409, "device iad-2 already has job " + id);

            HttpResponse<String> retried = post("/uplift/jobs/" + id + "/retry", "");
            assertEquals(retried.body(), 200, retried.statusCode());
            int failuresBefore = count(waiting, "\"state\":\"AWAITING_DECISION\"");
            String waitingAgain = awaitCondition(id, body -> "AWAITING_DECISION".equals(field(body, "state"))
                    && count(body, "\"state\":\"AWAITING_DECISION\"") > failuresBefore, 120);
            assertTrue("the retry returned the device to its kept version first: " + waitingAgain,
                    waitingAgain.contains("\"state\":\"ROLLBACK\""));

            HttpResponse<String> aborted = post("/uplift/jobs/" + id + "/abort", "");
            assertEquals(aborted.body(), 200, aborted.statusCode());
            String ended = awaitState(id, "ABORTED", 120);
            assertTrue(ended, ended.contains("\"state\":\"VERIFY_ROLLBACK\""));
            events.await("\"job\":\"" + id + "\",\"device\":\"iad-2\",\"state\":\"ABORTED\"", 10);

            assertError(post("/uplift/jobs/" + id + "/abort", ""), 409, "job " + id + " is ABORTED");
            assertError(post("/uplift/jobs/" + id + "/retry", ""), 409,
                    "job " + id + " is ABORTED, not waiting for a decision");
        }
        String sim = executeCommand("uplift-sim:devices");
        assertTrue("device 2 still runs 1.0.0:\n" + sim,
                sim.lines().anyMatch(l -> l.trim().startsWith("2 ") && l.contains("| 1.0.0 ")));
    }

    @Test
    public void givenBadRequests_whenSent_thenEachIsAnsweredWithItsStatusAndAOneLineJsonError() throws Exception {
        installWhiteboard();
        assertError(post("/uplift/jobs", "{\"device\": \"iad-1\", "), 400, "not valid JSON at character 21");
        assertError(post("/uplift/jobs", "{\"device\": \"iad-1\"}"), 400, "field \"firmware\" is required");
        // issue 15 item 5: Jackson reads the bodies; a typo is refused, and so is a body nested past the limit
        assertError(post("/uplift/jobs", "{\"device\": \"iad-1\", \"firmwre\": \"2.0.0\"}"), 400,
                "unknown field \"firmwre\"; expected device, firmware, policy");
        assertError(post("/uplift/jobs", "{\"device\": 7, \"firmware\": \"2.0.0\"}"), 400,
                "field \"device\" must be a string, not a number");
        assertError(post("/uplift/jobs", "[".repeat(10_000)), 400,
                "nesting depth (33) exceeds the maximum allowed (32)");
        assertError(post("/uplift/jobs", "{\"device\": \"iad-1\", \"firmware\": \"2.0.0\", \"policy\": \"maybe\"}"),
                400,
                "policy must be ask, abort, retry:N");
        assertError(post("/uplift/jobs", "{\"device\": \"nope\", \"firmware\": \"2.0.0\"}"), 400,
                "no device 'nope' in the inventory");
        assertError(post("/uplift/campaigns", "{\"firmware\": \"2.0.0\", \"model\": \"IAD-1000\", \"concurrency\": 0}"),
                400,
                "concurrency must be 1-10000, got 0");
        assertError(get("/uplift/jobs?state=SLEEPING"), 400, "state must be one of PENDING");
        assertError(get("/uplift/jobs/no-such-job"), 404, "no job 'no-such-job'");
        assertError(post("/uplift/jobs/no-such-job/abort", ""), 404, "no job 'no-such-job'");
        assertError(get("/uplift/campaigns/no-such-campaign"), 404, "no campaign 'no-such-campaign'");
        assertError(get("/uplift/devices/no-such-device"), 404, "no device 'no-such-device'");
        assertError(get("/uplift/devices/iad-1/backups/x"), 400, "version must be a backup version");
        assertError(get("/uplift/no-such-thing"), 404, "no such resource");
        assertError(send(HttpRequest.newBuilder(URI.create(url("/uplift/jobs"))).DELETE(), OPERATOR), 405,
                "method not allowed");
    }

    @Test
    public void givenCurl_whenItCallsTheApiWithAUser_thenItGetsJsonAndOneLineErrors() throws Exception {
        installWhiteboard();
        String curl = require("/usr/bin/curl", "curl");
        String anonymous = run(curl, "-sS", "-i", url("/uplift/firmware"));
        assertTrue(anonymous, anonymous.startsWith("HTTP/1.1 401"));
        assertTrue(anonymous, anonymous.contains("WWW-Authenticate: Basic realm=\"karaf\""));

        String listed = run(curl, "-sS", "-i", "-u", VIEWER, url("/uplift/firmware"));
        assertTrue(listed, listed.startsWith("HTTP/1.1 200"));
        assertTrue(listed, listed.toLowerCase().contains("content-type: application/json;charset=utf-8"));
        assertTrue(listed, listed.contains("\"id\":\"IAD-1000-2.0.0\""));
        // curl -d alone sends application/x-www-form-urlencoded, which the API does not take
        String form = run(curl, "-sS", "-i", "-u", OPERATOR, "-d", "{\"device\": \"iad-1\", \"firmware\": 2}",
                url("/uplift/jobs"));
        assertTrue(form, form.startsWith("HTTP/1.1 415"));
        assertTrue(form, form.trim().endsWith("{\"error\":\"unsupported content type; send JSON\"}"));
        String refused = run(curl, "-sS", "-i", "-u", OPERATOR, "-H", "Content-Type: application/json",
                "-d", "{\"device\": \"iad-1\", \"firmware\": 2}", url("/uplift/jobs"));
        assertTrue(refused, refused.startsWith("HTTP/1.1 400"));
        assertTrue(refused,
                refused.trim().endsWith("{\"error\":\"field \\\"firmware\\\" must be a string, not a number\"}"));
    }

    @Test
    public void givenCallersWithoutCredentialsOrTheRole_whenTheyCallTheApi_thenTheyAreRefusedAndNothingChanges()
            throws Exception {
        installWhiteboard();
        String job = "{\"device\": \"iad-1\", \"firmware\": \"2.0.0\"}";
        int jobsBefore = count(get("/uplift/jobs").body(), "\"id\":");

        HttpResponse<String> anonymous = get("/uplift/jobs", null);
        assertError(anonymous, 401, "authentication required: HTTP Basic with a user of Karaf realm 'karaf'");
        assertEquals("Basic realm=\"karaf\", charset=\"UTF-8\"",
                anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        assertError(get("/uplift/no-such-thing", null), 401, "authentication required");
        assertError(post("/uplift/jobs", job, null, "application/json"), 401, "authentication required");
        assertError(get("/uplift/jobs", "otto:not-his-password"), 401, "wrong user name or password");
        assertError(get("/uplift/jobs", STRANGER), 403, "user sam holds no Uplift role");

        // a viewer reads, backups' records included, but starts, decides and sees configurations not
        assertEquals(200, get("/uplift/jobs", VIEWER).statusCode());
        assertEquals(200, get("/uplift/devices/iad-1/backups", VIEWER).statusCode());
        assertError(post("/uplift/jobs", job, VIEWER, "application/json"), 403,
                "user vera is viewer; this needs operator");
        assertError(
                post("/uplift/campaigns", "{\"firmware\": \"2.0.0\", \"devices\": [\"iad-1\"]}", VIEWER,
                        "application/json"),
                403, "this needs operator");
        assertError(post("/uplift/jobs/any-job/abort", "", VIEWER, "application/json"), 403, "this needs operator");
        assertError(get("/uplift/devices/iad-1/backups/1", VIEWER), 403, "this needs operator");
        assertError(get("/uplift/devices/iad-1/backups/diff?from=1&to=2", VIEWER), 403, "this needs operator");

        // the catalogue is the admin's
        assertError(send(HttpRequest.newBuilder(URI.create(url("/uplift/firmware/IAD-1000-2.0.0"))).DELETE(), OPERATOR),
                403,
                "user otto is operator; this needs admin");
        assertError(send(HttpRequest.newBuilder(URI.create(url("/uplift/firmware/IAD-1000-9.9.9"))).DELETE(), ADMIN),
                404,
                "no firmware 'IAD-1000-9.9.9'");
        assertEquals(200, get("/uplift/firmware/IAD-1000-2.0.0", VIEWER).statusCode());
        assertEquals("no job was started", jobsBefore, count(get("/uplift/jobs").body(), "\"id\":"));
    }

    @Test
    public void givenBodiesThatAreNotJson_whenPosted_then415AndNothingStarts() throws Exception {
        installWhiteboard();
        int jobsBefore = count(get("/uplift/jobs").body(), "\"id\":");
        int campaignsBefore = count(get("/uplift/campaigns").body(), "\"id\":");
        String job = "{\"device\": \"iad-1\", \"firmware\": \"2.0.0\"}";
        String campaign = "{\"firmware\": \"2.0.0\", \"devices\": [\"iad-1\"]}";
        for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            assertError(post("/uplift/jobs", job, OPERATOR, type), 415, "unsupported content type; send JSON");
            assertError(post("/uplift/campaigns", campaign, OPERATOR, type), 415,
                    "unsupported content type; send JSON");
        }
        assertError(post("/uplift/jobs", "device=iad-1&firmware=2.0.0", OPERATOR, "application/x-www-form-urlencoded"),
                415,
                "unsupported content type");
        assertEquals(jobsBefore, count(get("/uplift/jobs").body(), "\"id\":"));
        assertEquals(campaignsBefore, count(get("/uplift/campaigns").body(), "\"id\":"));
    }

    @Test
    public void givenAPageOfAnotherOrigin_whenItPostsACampaign_then403AndNoCampaignIsCreated() throws Exception {
        installWhiteboard();
        int before = count(get("/uplift/campaigns").body(), "\"id\":");
        String campaign = "{\"firmware\": \"2.0.0\", \"devices\": [\"iad-1\"]}";
        assertError(post("/uplift/campaigns", campaign, OPERATOR, "application/json", "Origin", "http://evil.example"),
                403,
                "refused: Origin http://evil.example is not this API's origin");
        // the no-cors form of the attack: text/plain needs no preflight, and the browser adds Origin all the same
        assertError(post("/uplift/campaigns", campaign, OPERATOR, "text/plain", "Origin", "http://evil.example"), 403,
                "refused: Origin");
        assertError(
                post("/uplift/campaigns", campaign, OPERATOR, "application/json", "Referer",
                        "http://evil.example/a.html"),
                403,
                "refused: Referer http://evil.example/a.html");
        assertError(post("/uplift/jobs/any-job/abort", "", OPERATOR, "application/json", "Origin", "null"), 403,
                "refused: Origin null");
        assertEquals("no campaign was created", before, count(get("/uplift/campaigns").body(), "\"id\":"));

        // the API's own origin passes, and the request is judged on its body
        assertError(
                post("/uplift/campaigns", "{\"firmware\": \"2.0.0\"}", OPERATOR, "application/json", "Origin", url("")),
                400,
                "choose the devices");
    }

    /** Installs the whiteboard once, noting first what Uplift offered without it. */
    private void installWhiteboard() throws Exception {
        if (whiteboardInstalled) {
            return;
        }
        if (!fleetReady) {
            awaitBootFeatures("http", "uplift", "uplift-simulator");
            awaitCommand("uplift:device-list", 60_000);
            addDevicesAndFirmware();
            awaitHttp();
            restBundleBefore = restBundle() != null;
            devicesStatusBefore = get("/uplift/devices").statusCode();
            fleetReady = true;
        }
        executeCommand("feature:repo-add " + System.getProperty(REST_FEATURES));
        executeAsAdmin("feature:install uplift-jaxrs-whiteboard");
        long deadline = System.currentTimeMillis() + 120_000;
        while (get("/uplift/devices").statusCode() != 200) {
            if (System.currentTimeMillis() > deadline) {
                fail("no /uplift/devices 2 min after installing the whiteboard\n" + executeCommand("bundle:list -t 0"));
            }
            Thread.sleep(250);
        }
        whiteboardInstalled = true;
    }

    /**
     * Boot features install asynchronously, refreshing bundles (the features commands among them) as they go; a
     * feature installed meanwhile could be refused, so wait until they are all started.
     */
    private void awaitBootFeatures(String... names) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        String listed = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                listed = executeCommand("feature:list -i");
                String current = listed;
                if (Stream.of(names).allMatch(
                        n -> current.lines().anyMatch(l -> l.trim().startsWith(n + " ") && l.contains("Started")))) {
                    return;
                }
            } catch (Exception e) {
                // the features commands are being refreshed
            }
            Thread.sleep(500);
        }
        throw new AssertionError("boot features not started after 3 min:\n" + listed);
    }

    private void addDevicesAndFirmware() throws Exception {
        int port = intProperty(SIM_BASE_PORT);
        executeCommand("uplift:device-add --port " + port + " --community private iad-1 127.0.0.1");
        executeCommand("uplift:device-add --port " + (port + 1) + " --community private iad-2 127.0.0.1");
        File image = Files.createTempFile("iad-2.0.0", ".bin").toFile();
        awaitCommand("uplift-sim:devices", 60_000);
        executeCommand("uplift-sim:make-firmware --model IAD-1000 --version 2.0.0 " + image);
        String out = executeCommand("uplift:firmware-add --model IAD-1000 --version 2.0.0 " + image);
        assertTrue(out, out.contains("Added IAD-1000-2.0.0"));
    }

    /** Runs a command as an operator with Karaf's admin role, as feature:install needs (etc/org.apache.karaf.command.acl.feature.cfg). */
    private String executeAsAdmin(String command) throws Exception {
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        admin.getPrincipals().add(new RolePrincipal("admin"));
        try {
            return Subject.doAs(admin, (PrivilegedExceptionAction<String>) () -> executeCommand(command));
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    /** Pax Web starts its connector asynchronously. */
    private void awaitHttp() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                get("/");
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("Pax Web never listened on " + url("/"), e);
                }
                Thread.sleep(250);
            }
        }
    }

    private Bundle restBundle() {
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.uplift.rest".equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private String awaitState(String jobId, String state, int seconds) throws Exception {
        return awaitCondition(jobId, body -> state.equals(field(body, "state")), seconds);
    }

    /** Polls GET /uplift/jobs/{id}, as a UI without an event stream would. */
    private String awaitCondition(String jobId, Predicate<String> condition, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String body = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> job = get("/uplift/jobs/" + jobId);
            assertEquals(job.body(), 200, job.statusCode());
            body = job.body();
            if (condition.test(body)) {
                return body;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + jobId + " did not get there in " + seconds + " s: " + body);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + intProperty(HTTP_PORT) + path;
    }

    /** A GET as the operator. */
    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, OPERATOR);
    }

    /** A GET as {@code user} ("name:password"), or without credentials when it is null. */
    private static HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), user);
    }

    /** A JSON POST as the operator. */
    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, OPERATOR, "application/json");
    }

    private static HttpResponse<String> post(String path, String body, String user, String contentType,
            String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request, user);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String user)
            throws IOException, InterruptedException {
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertJson(HttpResponse<String> response) {
        assertEquals("application/json;charset=utf-8",
                response.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
    }

    /** The answer is the status, JSON, and exactly {"error": one line} containing {@code expected}. */
    private static void assertError(HttpResponse<String> response, int status, String expected) {
        assertEquals(response.body(), status, response.statusCode());
        assertJson(response);
        String body = response.body();
        assertTrue(body, body.startsWith("{\"error\":\"") && body.endsWith("\"}") && !body.contains("\n"));
        assertTrue(body, unescape(field(body, "error")).contains(expected));
        assertFalse("no stack trace: " + body, body.contains("\tat ") || body.contains("Exception"));
    }

    /** The first string value of {@code name} in a JSON text (top-level fields come before nested ones here). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(null|\"((?:[^\"\\\\]|\\\\.)*)\")").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no \"" + name + "\" in " + json);
        }
        return m.group(2);
    }

    private static String unescape(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** karaf.log has no ERROR but the one the Aries JAX-RS spec bundle causes (documented in features/rest). */
    private static void assertKarafLogClean() throws IOException {
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        List<String> errors = new ArrayList<>();
        try (Stream<String> lines = Files.lines(log)) {
            lines.filter(l -> l.contains("| ERROR |") && !l.contains(KNOWN_THIRD_PARTY_ERROR)).forEach(errors::add);
        }
        assertEquals("errors in " + log, List.of(), errors);
    }

    private static String require(String program, String debianPackage) {
        if (Files.isExecutable(Path.of(program))) {
            return program;
        }
        String message = program + " is missing; install the Debian package " + debianPackage + " (apt-get install "
                + debianPackage + ")";
        if (Boolean.getBoolean(INTEROP_REQUIRED)) {
            fail(message + " (" + INTEROP_REQUIRED + " is true)");
        }
        Assume.assumeTrue(message, false);
        return program;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 30 s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, 0, process.exitValue());
        return out.replace("\r\n", "\n");
    }

    /** A text/event-stream response read line by line in the background. */
    private static final class EventStream implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        private EventStream(String url) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                    .header("Authorization", basic(VIEWER)).GET().build();
            response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(r -> {
                assertEquals(200, r.statusCode());
                r.body().forEach(lines::add);
            });
        }

        static EventStream open(String url) {
            return new EventStream(url);
        }

        /** Waits for a line containing {@code part}. */
        void await(String part, int seconds) throws InterruptedException {
            long deadline = System.currentTimeMillis() + seconds * 1000L;
            while (System.currentTimeMillis() < deadline) {
                if (lines.stream().anyMatch(l -> l.contains(part))) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no event line with " + part + " in " + seconds + " s; got " + lines);
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }
}
