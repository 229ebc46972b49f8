package org.uplift.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.ops4j.pax.exam.ExamSystem;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.TestContainer;
import org.ops4j.pax.exam.spi.PaxExamRuntime;

/**
 * Issue 7, item 5: Uplift's page in the Apache Felix Web Console, in a real Karaf and a real browser. Issue 14, item 2:
 * the page cannot be framed, and a decision without the page's token changes nothing.
 *
 * <p>The browser is driven from this JVM, so Karaf runs in Pax Exam's server mode: the Uplift test Karaf (uplift and
 * the simulator, on free loopback ports) is started from {@link UpliftTestSupport#uplift}'s options without a test
 * probe, and the test talks to it as an operator does: shell commands through Karaf's own {@code bin/client} over
 * SSH, the console over HTTP, the page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * through Selenium). Simulated device 1 fails every firmware download, so its job stops in AWAITING_DECISION; device 2
 * never finishes its backup, so its job keeps running in BACKUP; device 3 is upgraded by a one-device campaign.
 *
 * <p>The browser part is skipped, naming the packages, when Chromium or its driver is missing, unless
 * {@code -Duplift.interop.required=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 360, unit = TimeUnit.SECONDS)
class WebConsoleIT extends UpliftTestSupport {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String MARKER = "uplift.it.webconsole";
    private static final Duration STEP = Duration.ofSeconds(90);
    /** Lookups retried when the page redraws in between (a redraw takes milliseconds; a poll is a second apart). */
    private static final int REDRAW_ATTEMPTS = 20;

    private final String marker = UUID.randomUUID().toString();
    private final int httpPort = freeLoopbackTcpPort();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path target = Path.of(System.getProperty("uplift.root"), "itests", "target").toAbsolutePath()
            .normalize();
    private TestContainer karaf;
    private Path home;
    private String failingJob;
    private String runningJob;
    private String campaign;
    private boolean pageServed;

    @BeforeAll
    void startKaraf() throws Exception {
        Path users = Files.createDirectories(target.resolve("webconsole-it")).resolve("users.properties");
        // Karaf's stock users.properties has the karaf user commented out; the console's realm wants role admin
        Files.writeString(users,
                "karaf = karaf,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        Option[] options = uplift(3, "1=download-fail",
                // the HTTP service from the start, as in an NMS: Karaf does not pick one for webconsole's osgi.http
                // requirement, and bringing the servlet API in after uplift refreshes H2 (it imports javax.servlet
                // optionally), which leaves the job store locked out of its own database (README, "Web Console page")
                features("mvn:org.apache.karaf.features/standard/" + System.getProperty("karaf.version")
                        + "/xml/features", "http"),
                replaceConfigurationFile("etc/users.properties", users.toFile()),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        Integer.toString(httpPort)),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses",
                        "127.0.0.1"),
                // device 2's backup must stay under way for the whole test
                editConfigurationFilePut("etc/org.uplift.workflow.cfg", "backupTimeoutSeconds", "900"),
                editConfigurationFilePut("etc/system.properties", MARKER, marker));
        ExamSystem system = PaxExamRuntime.createServerSystem(options);
        karaf = PaxExamRuntime.createContainer(system);
        karaf.start();
        home = unpackedKaraf();
        awaitClient("uplift:jobs", "Last message");
        awaitClient("uplift-sim:devices", "IAD-1000");
    }

    @AfterAll
    void stopKaraf() {
        if (karaf != null) {
            karaf.stop();
        }
    }

    @Test
    @Order(1)
    void givenUpliftAndTheWebConsole_whenBothAreInstalled_thenTheConsoleListsAndServesTheUpliftPage() throws Exception {
        int simBase = Integer.parseInt(systemProperty(SIM_BASE_PORT));
        Path image = home.resolve("iad-2.0.0.bin");
        client("uplift-sim:make-firmware --model IAD-1000 --version 2.0.0 " + image);
        String added = client("uplift:firmware-add --model IAD-1000 --version 2.0.0 " + image);
        assertTrue(added.contains("Added IAD-1000-2.0.0"), added);
        client("uplift:device-add --port " + simBase + " --community private iad-1 127.0.0.1");
        client("uplift:device-add --port " + (simBase + 1) + " --community private iad-2 127.0.0.1");
        client("uplift-sim:fault --device 2 backup-hang");
        failingJob = started(client("uplift:upgrade --firmware 2.0.0 iad-1"), "iad-1");
        runningJob = started(client("uplift:upgrade --firmware 2.0.0 iad-2"), "iad-2");
        client("uplift:device-add --port " + (simBase + 2) + " --community private iad-3 127.0.0.1");
        String campaignStarted = client("uplift:campaign-start --firmware 2.0.0 --devices iad-3 --waves 1");
        Matcher c = Pattern.compile("Campaign (c-\\S+) ").matcher(campaignStarted);
        assertTrue(c.find(), campaignStarted);
        campaign = c.group(1);

        String installed = client("feature:install webconsole\nfeature:list -i");
        assertTrue(installed.lines().anyMatch(l -> l.trim().startsWith("webconsole ")), installed);
        HttpResponse<String> page = await("the console to serve /system/console/uplift listing " + runningJob, () -> {
            HttpResponse<String> r = get("/system/console/uplift", true);
            return r.statusCode() == 200 && r.body().contains("data-job=\"" + runningJob + "\"") ? r : null;
        });
        assertTrue(page.body().contains("<p id=\"uplift-error\" class=\"uplift-error\" hidden></p>"), page.body());
        // no other page may frame Uplift's and have the operator click Retry or Abort unseen
        assertEquals(List.of("DENY"), page.headers().allValues("X-Frame-Options"), page.headers().toString());
        assertEquals(List.of("frame-ancestors 'none'"), page.headers().allValues("Content-Security-Policy"),
                page.headers().toString());

        String nav = get("/system/console/bundles", true).body();
        assertTrue(nav.contains("/system/console/uplift\""), "the console's navigation lists the page:\n" + nav);
        assertEquals(401, get("/system/console/uplift", false).statusCode(), "the page is behind the console's login");

        HttpResponse<String> data = get("/system/console/uplift/data.json?job=" + failingJob, true);
        assertEquals(200, data.statusCode(), data.body());
        assertTrue(data.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                data.headers().toString());
        assertEquals(List.of("DENY"), data.headers().allValues("X-Frame-Options"), data.headers().toString());
        assertTrue(
                data.body().contains("\"id\":\"" + runningJob + "\"")
                        && data.body().contains("\"selected\":{\"id\":\"" + failingJob),
                data.body());

        awaitState(failingJob, "AWAITING_DECISION");
        // neither a GET nor a POST without the page's token changes anything
        assertEquals(200, get("/system/console/uplift?action=retry&job=" + failingJob, true).statusCode());
        HttpResponse<String> forged = post("action=retry&job=" + failingJob, null);
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().startsWith("{\"error\":\"Refused:"), forged.body());
        assertEquals(List.of("frame-ancestors 'none'"), forged.headers().allValues("Content-Security-Policy"));
        assertEquals("AWAITING_DECISION", state(client("uplift:job " + failingJob)));
        pageServed = true;
    }

    @Test
    @Order(2)
    void givenAJobAwaitingADecision_whenRetryIsClickedInChromium_thenTheJobLeavesAwaitingDecision() throws Exception {
        Assumptions.assumeTrue(pageServed, "the page was not served (see the test before)");
        requireProgram(CHROMIUM, "chromium");
        requireProgram(CHROMEDRIVER, "chromium-driver");
        Path profile = Files.createTempDirectory(target, "chromium-profile-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withLogFile(target.resolve("webconsole-chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // no sandbox (root in a container), and nothing that reaches for the internet
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1600,1000");
        WebDriver browser = new ChromeDriver(service, options);
        try {
            // credentials in the URL authenticate the navigation; Chromium keeps them for the origin, so the page's
            // own fetch() polls and POSTs (which never carry credentials in their URLs) authenticate too
            browser.get("http://karaf:karaf@127.0.0.1:" + httpPort + "/system/console/uplift");
            String running = "tr.uplift-job[data-job='" + runningJob + "']";
            awaitElement(browser, running);
            assertEquals("iad-2", textOf(browser, running + " td.uplift-device"));
            assertEquals("BACKUP", textOf(browser, running + " td.uplift-state"));
            assertEquals("step 1 of 8: BACKUP", textOf(browser, running + " td.uplift-progress"));
            assertTrue(browser.findElements(By.cssSelector(running + " button")).isEmpty(),
                    "no decision buttons on a running job");

            // the page's poll of data.json works in the browser (it counts its successful redraws)
            await("the page to redraw itself from data.json", () -> refreshes(browser) >= 2 ? Boolean.TRUE : null);
            assertFalse(browser.findElement(By.id("uplift-error")).isDisplayed(),
                    "no error line: " + browser.findElement(By.id("uplift-error")).getText());

            // the campaign's one device is healthy: the page shows the campaign completed with its counts
            await("the page to show campaign " + campaign + " COMPLETED", () -> {
                String row = textOf(browser, "#uplift-campaigns tbody tr");
                return row.startsWith(campaign + " 2.0.0 1 device: iad-3 COMPLETED 1 of 1 1 1 0 0 0 0") ? row : null;
            });
            String campaignJobs = "//table[@id='uplift-jobs']//tr[td[@class='uplift-campaign']='" + campaign + "']";
            assertEquals(1, browser.findElements(By.xpath(campaignJobs)).size(),
                    "the campaign's job names its campaign");
            assertEquals("iad-3", textOf(browser, By.xpath(campaignJobs + "/td[@class='uplift-device']")));

            String failing = "tr.uplift-job[data-job='" + failingJob + "']";
            assertEquals("AWAITING_DECISION", textOf(browser, failing + " td.uplift-state"));
            assertTrue(textOf(browser, failing + " td.uplift-message").startsWith("UPDATE failed"),
                    textOf(browser, failing + " td.uplift-message"));
            click(browser, failing);
            await("the step history of " + failingJob, () -> textOf(browser, "#uplift-history-title")
                    .startsWith("Step history of job " + failingJob) ? Boolean.TRUE : null);
            screenshot(browser, "webconsole-uplift.png");

            client("uplift-sim:fault --device 1 --clear"); // so the retried update succeeds
            click(browser, failing + " button[data-action='retry']");
            String status = await("the page to confirm the retry",
                    () -> textOf(browser, "#uplift-status").contains("retry accepted")
                            ? textOf(browser, "#uplift-status") : null);
            assertTrue(status.startsWith("Job " + failingJob + " (device iad-1): retry accepted, now "), status);
            assertFalse(status.endsWith("now AWAITING_DECISION."), status);

            String shownDone = await("the page to show the retried job DONE",
                    () -> "DONE".equals(textOf(browser, failing + " td.uplift-state")) ? Boolean.TRUE.toString()
                            : null);
            assertEquals("true", shownDone);
            assertTrue(browser.findElements(By.cssSelector(failing + " button")).isEmpty(),
                    "no buttons once it is done");
            String history = textOf(browser, "#uplift-history");
            // state names start their rows (the first row's plan also names ROLLBACK)
            int awaiting = history.indexOf("\nAWAITING_DECISION ");
            int rollback = history.indexOf("\nROLLBACK ");
            assertTrue(awaiting >= 0 && awaiting < rollback && history.lastIndexOf("\nDONE ") > rollback, history);
            screenshot(browser, "webconsole-uplift-after-retry.png");
        } finally {
            browser.quit();
            service.stop();
        }

        String job = client("uplift:job " + failingJob);
        assertEquals("DONE", state(job), job);
        int waited = job.indexOf("AWAITING_DECISION");
        assertTrue(waited > 0 && job.indexOf("ROLLBACK", waited) > waited,
                "the shell shows the retry after the wait:\n" + job);
    }

    @Test
    @Order(3)
    void givenThePageIsServed_whenUpliftIsUninstalled_thenTheConsoleNeitherServesNorListsIt() throws Exception {
        Assumptions.assumeTrue(pageServed, "the page was not served (see the first test)");
        assertEquals(200, get("/system/console/uplift", true).statusCode());
        client("feature:uninstall uplift");
        HttpResponse<String> gone = await("the console to drop /system/console/uplift", () -> {
            HttpResponse<String> r = get("/system/console/uplift", true);
            return r.statusCode() == 404 ? r : null;
        });
        assertEquals(404, gone.statusCode());
        assertEquals(404, get("/system/console/uplift/data.json", true).statusCode());
        HttpResponse<String> bundles = get("/system/console/bundles", true);
        assertEquals(200, bundles.statusCode(), "the console itself is still there");
        assertFalse(bundles.body().contains("/system/console/uplift\""),
                "the navigation no longer lists the page:\n" + bundles.body());
        String left = client("bundle:list -t 0 -s");
        assertFalse(left.contains("org.uplift.webconsole"), left);
    }

    // ---- Karaf: the unpacked container, its shell ----

    /** The container Pax Exam unpacked for this test: the one whose system.properties carry this test's marker. */
    private Path unpackedKaraf() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("target/exam").toAbsolutePath())) {
            for (Path dir : dirs.toList()) {
                Path props = dir.resolve("etc/system.properties");
                if (Files.exists(props) && Files.readString(props).contains(marker)) {
                    return dir;
                }
            }
        }
        throw new AssertionError("no unpacked Karaf under target/exam carries " + MARKER + "=" + marker);
    }

    private String systemProperty(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("etc/system.properties"))) {
            p.load(in);
        }
        return p.getProperty(name);
    }

    private int sshPort() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("etc/org.apache.karaf.shell.cfg"))) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty("sshPort").trim());
    }

    /** Karaf's client in batch mode, commands on stdin; its output (errors included). */
    private String client(String commands) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                Integer.toString(sshPort()), "-u", "karaf", "-p", "karaf", "-r", "3", "-b").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((commands + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                // the process was ended
            }
        });
        reader.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("bin/client did not finish '" + commands + "' within 120 s: " + out);
        }
        reader.join(5_000);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void awaitClient(String command, String expected) throws Exception {
        String last = await("'" + command + "' to answer with '" + expected + "'", () -> {
            try {
                String out = client(command);
                return out.contains(expected) ? out : null;
            } catch (Exception e) {
                return null;
            }
        });
        assertTrue(last.contains(expected));
    }

    private static String started(String output, String device) {
        Matcher m = Pattern.compile("Job (\\S+) started: " + Pattern.quote(device) + " ").matcher(output);
        assertTrue(m.find(), "a job started for " + device + ":\n" + output);
        return m.group(1);
    }

    /** The job's state from the first line {@code uplift:job} prints: "Job id: device d -> firmware (STATE)". */
    private static String state(String shown) {
        Matcher m = Pattern.compile("Job \\S+: device \\S+ -> \\S+ \\((\\w+)\\)").matcher(shown);
        return m.find() ? m.group(1) : "";
    }

    private void awaitState(String jobId, String wanted) throws Exception {
        await("job " + jobId + " to reach " + wanted, () -> {
            try {
                return wanted.equals(state(client("uplift:job " + jobId))) ? wanted : null;
            } catch (Exception e) {
                return null;
            }
        });
    }

    // ---- HTTP ----

    private HttpResponse<String> get(String path, boolean authenticated) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (authenticated) {
            b.header("Authorization", basic());
        }
        return send(b.build());
    }

    private HttpResponse<String> post(String form, String token) {
        HttpRequest.Builder b = HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/system/console/uplift"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) {
            b.header("X-Uplift-Token", token);
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString("karaf:karaf".getBytes(StandardCharsets.UTF_8));
    }

    // ---- the browser ----

    private static void requireProgram(String program, String debianPackage) {
        if (Files.isExecutable(Path.of(program))) {
            return;
        }
        String message = program + " is missing; install the Debian packages chromium chromium-driver"
                + " (apt-get install chromium chromium-driver; " + debianPackage + " provides " + program + ")";
        if (Boolean.getBoolean("uplift.interop.required")) {
            fail(message + " (uplift.interop.required is true)");
        }
        Assumptions.abort(message);
    }

    private static WebElement awaitElement(WebDriver browser, String css) throws Exception {
        return await(css + " on the page", () -> {
            List<WebElement> found = browser.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /**
     * The element's text now ("" when there is none). The page redraws its tables every poll, so an element found a
     * moment ago may be gone: it is looked up afresh, and again if a redraw came between the lookup and the read.
     */
    private static String textOf(WebDriver browser, String css) {
        return textOf(browser, By.cssSelector(css));
    }

    private static String textOf(WebDriver browser, By locator) {
        for (int attempt = 1;; attempt++) {
            try {
                List<WebElement> found = browser.findElements(locator);
                return found.isEmpty() ? "" : found.get(0).getText();
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == REDRAW_ATTEMPTS) {
                    throw redrawn;
                }
            }
        }
    }

    /**
     * Clicks the element once it is there. A redraw between the lookup and the click makes WebDriver refuse the
     * click before it reaches the page (stale element), so looking it up again cannot click twice.
     */
    private static void click(WebDriver browser, String css) throws Exception {
        await("a click on " + css, () -> {
            List<WebElement> found = browser.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return null;
            }
            try {
                found.get(0).click();
                return Boolean.TRUE;
            } catch (StaleElementReferenceException redrawn) {
                return null;
            }
        });
    }

    private static int refreshes(WebDriver browser) {
        String count = browser.findElement(By.id("uplift")).getAttribute("data-refreshed");
        return count == null ? 0 : Integer.parseInt(count);
    }

    private void screenshot(WebDriver browser, String name) throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(target.resolve(name), png);
    }

    /** Polls {@code probe} until it gives a value, for at most {@link #STEP}. */
    private static <T> T await(String what, Supplier<T> probe) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        List<String> errors = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                errors.add(e.toString());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("waited " + STEP.toSeconds() + " s for " + what
                + (errors.isEmpty() ? "" : "; last error: " + errors.get(errors.size() - 1)));
    }
}
