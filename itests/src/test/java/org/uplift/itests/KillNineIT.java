package org.uplift.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a forked Karaf (the demo assembly, driven as an operator drives it: {@code bin/karaf server}
 * and {@code bin/client}) while one job is in BACKUP, one in UPDATE and one in RESTORE; then Karaf is
 * started again on the same directory. The simulated devices run outside Karaf (the standalone
 * simulator), so they live through the kill as real devices would; the demo's in-Karaf simulator stays
 * idle because {@code etc/org.uplift.simulator.cfg} is not written.
 *
 * <p>Faults hold two jobs in place: device 1 never finishes its backup ({@code backup-hang}) and device 3
 * falls silent when told to restore ({@code silent-during:restore}); device 2 is healthy and Karaf is
 * killed the moment its job logs UPDATE. While Karaf is down the operator clears device 3's fault and
 * shortens the backup time-out, so after the restart device 2 and 3 finish DONE and device 1 stops in
 * AWAITING_DECISION saying its backup timed out; cleared and retried, it finishes too. Every job is still
 * listed and every backup taken before the kill is still there.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KillNineIT {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Pattern TRANSITION = Pattern.compile("Job (\\w+) device (iad-\\d): ([A-Z_]+) - (.*)");

    private final String version = System.getProperty("project.version");
    private final Path root = Path.of(System.getProperty("uplift.root")).toAbsolutePath().normalize();
    private final Path run = root.resolve("itests/target/kill9");
    private final Path home = run.resolve("demo-" + version);
    private final Path simulatorJar = root.resolve("bundles/simulator/target/simulator-" + version + "-standalone.jar");
    private final String javaHome = System.getProperty("java.home");
    private final List<Process> processes = new ArrayList<>();
    private Process karaf;
    private int sshPort;
    private int controlPort;
    private int simBase;
    private int starts;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : processes) {
            killTree(p);
        }
    }

    @Test
    void givenJobsInBackupUpdateAndRestore_whenKarafIsKilledAndStartedAgain_thenNoJobAndNoBackupIsLost()
            throws Exception {
        unpackAndConfigure();
        startSimulator();
        startKaraf();
        Path image = run.resolve("iad-1000-2.0.0.bin");
        exec(List.of(java(), "-jar", simulatorJar.toString(), "--make-firmware", image.toString(), "--model",
                "IAD-1000",
                "--version", "2.0.0", "--size", "65536"));
        String setup = client("uplift:firmware-add --model IAD-1000 --version 2.0.0 " + image + "\n"
                + "uplift:device-add --port " + simBase + " --community private iad-1 127.0.0.1\n"
                + "uplift:device-add --port " + (simBase + 1) + " --community private iad-2 127.0.0.1\n"
                + "uplift:device-add --port " + (simBase + 2) + " --community private iad-3 127.0.0.1\n"
                + "uplift:upgrade --firmware 2.0.0 iad-1 iad-3");
        assertTrue(setup.contains("IAD-1000-2.0.0"), setup);

        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("iad-1", awaitLog("iad-1", "BACKUP").group(1));
        jobs.put("iad-3", awaitLog("iad-3", "RESTORE").group(1));
        String backups3 = client("uplift:backups iad-3");
        String sha3 = sha256In(backups3);
        client("uplift:upgrade --firmware 2.0.0 iad-2");
        jobs.put("iad-2", awaitLog("iad-2", "UPDATE").group(1));
        killTree(karaf); // kill -9, the moment iad-2's job logged UPDATE
        String backup2 = lastLog("iad-2", "KEEP_OLD_VERSION").group(4); // "backup v1 stored: ... sha256 abcd1234..."
        String shortSha2 = backup2.replaceAll(".*sha256 (\\p{XDigit}+).*", "$1");
        assertEquals("BACKUP", lastLog("iad-1", null).group(3), "iad-1's job was in BACKUP when Karaf died");
        assertEquals("RESTORE", lastLog("iad-3", null).group(3), "iad-3's job was in RESTORE when Karaf died");
        // every transition is stored before it is logged: what the log shows before the kill must all be in the store
        List<String> loggedBeforeKill = transitions().stream()
                .map(m -> m.group(1) + " " + m.group(3) + " " + m.group(4)).toList();

        // the operator, while Karaf is down: device 3 answers again, the backup time-out gets shorter
        control("clear 3");
        Files.writeString(home.resolve("etc/org.uplift.workflow.cfg"), "pollIntervalMillis = 500\n"
                + "backupTimeoutSeconds = 6\nrebootTimeoutSeconds = 60\nrestoreTimeoutSeconds = 60\n");
        startKaraf();

        String listed = client("uplift:jobs");
        for (String id : jobs.values()) {
            assertTrue(listed.contains(id), "job " + id + " is still listed:\n" + listed);
        }
        assertTrue(client("uplift:backups iad-3").contains(sha3), "iad-3's backup " + sha3 + " survived the kill");
        assertTrue(client("uplift:backups iad-2").contains(shortSha2),
                "iad-2's backup " + shortSha2 + " survived the kill");

        String job2 = awaitEnd(jobs.get("iad-2"));
        String job3 = awaitEnd(jobs.get("iad-3"));
        String job1 = awaitEnd(jobs.get("iad-1"));
        Map<String, String> shown = Map.of(jobs.get("iad-1"), job1, jobs.get("iad-2"), job2, jobs.get("iad-3"), job3);
        for (String logged : loggedBeforeKill) {
            String[] parts = logged.split(" ", 3);
            String message = parts[2].replaceAll("[^\\x20-\\x7e].*", ""); // up to any character the client may not encode
            message = message.length() > 60 ? message.substring(0, 60) : message;
            assertTrue(Pattern.compile(Pattern.quote(parts[1]) + "\\s*\\|[^|]*\\| " + Pattern.quote(message))
                    .matcher(shown.get(parts[0])).find(),
                    "the transition '" + logged + "' was stored before Karaf was killed, and is still in the history:\n"
                            + shown.get(parts[0]));
        }
        assertTrue(job2.contains("DONE") && job2.contains("resumed on node"), job2);
        assertTrue(job3.contains("DONE") && job3.contains("resumed on node"), job3);
        assertTrue(job1.contains("AWAITING_DECISION") && job1.contains("resumed on node")
                && job1.contains("BACKUP failed: time-out"), "iad-1 says what happened:\n" + job1);

        control("clear 1");
        client("uplift:retry " + jobs.get("iad-1"));
        job1 = awaitEnd(jobs.get("iad-1"));
        assertTrue(lastState(job1).equals("DONE"), job1);
        String devices = control("devices");
        for (int i = 1; i <= 3; i++) {
            assertTrue(Pattern
                    .compile("(?m)^" + i + " \\S+ running 2\\.0\\.0 kept 1\\.0\\.0 (config \\p{XDigit}+ )?faults none$")
                    .matcher(devices).find(),
                    devices);
        }
        assertTrue(client("uplift:backups iad-3").contains(sha3));
        assertFalse(Files.readString(home.resolve("data/log/karaf.log")).contains("| ERROR |"),
                "no errors in " + home.resolve("data/log/karaf.log"));
    }

    // ---- the operator's tools

    private void unpackAndConfigure() throws Exception {
        deleteRecursively(run);
        Files.createDirectories(run);
        exec(List.of("tar", "-xzf", root.resolve("features/demo/target/demo-" + version + ".tar.gz").toString(),
                "-C", run.toString()));
        sshPort = freeTcpPort();
        controlPort = freeTcpPort();
        simBase = freeUdpRange(3);
        edit("etc/org.apache.karaf.shell.cfg", Map.of("sshPort", Integer.toString(sshPort), "sshHost", "127.0.0.1"));
        // boot features installed from the features service's own activator can deadlock when they refresh
        // core bundles (seen here: the demo hung at boot); installed asynchronously they cannot
        edit("etc/org.apache.karaf.features.cfg", Map.of("featuresBootAsynchronous", "true"));
        Path users = home.resolve("etc/users.properties");
        Files.writeString(users, Files.readString(users).replace("#karaf = ", "karaf = ")
                .replace("#_g_\\:admingroup = ", "_g_\\:admingroup = "));
        Files.writeString(home.resolve("etc/org.uplift.tftp.cfg"), "bindAddress = 127.0.0.1\nport = " + freeUdpRange(1)
                + "\nftpEnabled = false\n");
        Files.writeString(home.resolve("etc/org.uplift.snmp.notifications.cfg"), "port = " + freeUdpRange(1) + "\n");
        // slow polling keeps each step (and UPDATE in particular) long enough to be caught
        Files.writeString(home.resolve("etc/org.uplift.workflow.cfg"), "pollIntervalMillis = 2000\n"
                + "backupTimeoutSeconds = 120\nrebootTimeoutSeconds = 60\nrestoreTimeoutSeconds = 120\n");
    }

    private void startSimulator() throws Exception {
        // the standalone jar leaves commons-io out, which commons-net's DatagramSocketClient.close() needs (every TFTP
        // transfer ends in NoClassDefFoundError and the operation stays "running"): add the assembly's copy
        Path commonsIo;
        try (Stream<Path> jars = Files.walk(home.resolve("system/commons-io"))) {
            commonsIo = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        ProcessBuilder pb = new ProcessBuilder(java(), "-cp", simulatorJar + File.pathSeparator + commonsIo,
                "org.uplift.simulator.Main", "--devices", "3", "--base-port",
                Integer.toString(simBase), "--reboot-seconds", "4", "--control-port", Integer.toString(controlPort),
                "--fault", "1=backup-hang", "--fault", "3=silent-during:restore")
                .redirectErrorStream(true).redirectOutput(run.resolve("simulator.log").toFile());
        processes.add(pb.start());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (control("devices").startsWith("ok 3")) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the simulator did not start; see " + run.resolve("simulator.log"), e);
                }
            }
            Thread.sleep(200);
        }
    }

    private void startKaraf() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(run.resolve("karaf-" + (++starts) + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("JAVA_HOME", javaHome);
        karaf = pb.start();
        processes.add(karaf);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!karaf.isAlive()) {
                throw new AssertionError("Karaf exited with " + karaf.exitValue() + "; see " + run);
            }
            last = client("uplift:jobs");
            if (last.contains("Last message")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Karaf did not come up within 90 s (last answer: " + last + "); see "
                + home.resolve("data/log/karaf.log"));
    }

    /** Karaf's client in batch mode, commands on stdin (as demo.sh does). */
    private String client(String commands) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                Integer.toString(sshPort), "-u", "karaf", "-p", "karaf", "-r", "1", "-b").redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((commands + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = readAll(p.getInputStream(), p, Duration.ofSeconds(60));
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A command to the standalone simulator's control port; its answer. */
    private String control(String command) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), controlPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!answer.startsWith("ok")) {
                throw new IOException("simulator answered '" + answer + "' to '" + command + "'");
            }
            return answer;
        }
    }

    /** Waits until the job's history ends in DONE, AWAITING_DECISION, ABORTED or FAILED; returns {@code uplift:job}. */
    private String awaitEnd(String jobId) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        String shown = "";
        while (System.nanoTime() < deadline) {
            shown = client("uplift:job " + jobId);
            if (List.of("DONE", "AWAITING_DECISION", "ABORTED", "FAILED").contains(lastState(shown))) {
                return shown;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("job " + jobId + " did not end or stop for a decision within " + STEP + ":\n" + shown);
    }

    /** The job's current state, from the first line {@code uplift:job} prints: "Job id: device d -> firmware (STATE)". */
    private static String lastState(String shown) {
        Matcher m = Pattern.compile("Job \\w+: device \\S+ -> \\S+ \\((\\w+)\\)").matcher(shown);
        return m.find() ? m.group(1) : "";
    }

    /** Polls karaf.log (every transition is logged right after it is stored) for the device entering a state. */
    private Matcher awaitLog(String device, String state) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            for (Matcher m : transitions()) {
                if (m.group(2).equals(device) && m.group(3).equals(state)) {
                    return m;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError(device + " never reached " + state + "; see " + home.resolve("data/log/karaf.log"));
    }

    /** The device's last logged transition (into {@code state}, if given). */
    private Matcher lastLog(String device, String state) throws IOException {
        Matcher found = null;
        for (Matcher m : transitions()) {
            if (m.group(2).equals(device) && (state == null || m.group(3).equals(state))) {
                found = m;
            }
        }
        if (found == null) {
            throw new AssertionError(
                    "no transition of " + device + (state == null ? "" : " into " + state) + " logged");
        }
        return found;
    }

    private List<Matcher> transitions() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        List<Matcher> found = new ArrayList<>();
        if (!Files.exists(log)) {
            return found;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = TRANSITION.matcher(line);
            if (m.find()) {
                found.add(m);
            }
        }
        return found;
    }

    private static String sha256In(String backups) {
        Matcher m = Pattern.compile("\\b\\p{XDigit}{64}\\b").matcher(backups);
        assertTrue(m.find(), "a backup with its SHA-256 is listed:\n" + backups);
        return m.group();
    }

    private void edit(String file, Map<String, String> values) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        for (Map.Entry<String, String> v : values.entrySet()) {
            lines.removeIf(l -> l.matches("\\s*" + Pattern.quote(v.getKey()) + "\\s*=.*"));
            lines.add(v.getKey() + " = " + v.getValue());
        }
        Files.write(path, lines);
    }

    private String java() {
        return Path.of(javaHome, "bin", "java").toString();
    }

    private void exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = readAll(p.getInputStream(), p, Duration.ofSeconds(60));
        if (p.exitValue() != 0) {
            throw new AssertionError(
                    command + " exited with " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8));
        }
    }

    private static byte[] readAll(InputStream in, Process p, Duration timeout) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                // the process was killed
            }
        });
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            killTree(p);
            throw new AssertionError("command did not finish within " + timeout + ": " + out);
        }
        reader.join(5_000);
        synchronized (out) {
            return out.toByteArray();
        }
    }

    /** SIGKILL (Process.destroyForcibly on Linux) to the process and everything it started: bin/karaf runs java as a child. */
    private static void killTree(Process p) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        for (ProcessHandle h : all) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the test's own assertions if it matters
            }
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000 - count);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    // free
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free UDP ports");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
