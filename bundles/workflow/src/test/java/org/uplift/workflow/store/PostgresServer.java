package org.uplift.workflow.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away PostgreSQL server from Debian's binaries: a fresh cluster in a directory of its own under
 * {@code java.io.tmpdir}, on a free loopback port, its socket in the same directory, trust authentication, no
 * fsync; the directory is deleted when the server stops. PostgreSQL refuses to run as root, so as root (CI, this
 * sandbox) every command runs as the {@code postgres} user the Debian package creates, and the directory is made
 * that user's: a checkout's {@code target/} may lie under a directory only root can enter (a clone in
 * {@code /root}), so the cluster is never put there.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final String USER = "uplift";

    private final Path bin;
    private final Path directory;
    private final boolean asPostgresUser;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread stopAtExit = new Thread(this::stopQuietly, "stop test PostgreSQL");

    private PostgresServer(Path bin, Path directory, boolean asPostgresUser, int port) {
        this.bin = bin;
        this.directory = directory;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /**
     * Starts a server, or skips the calling tests when PostgreSQL is not installed or, as root, its
     * {@code postgres} user cannot work in {@code java.io.tmpdir} (fails instead under
     * {@code -Duplift.interop.required=true}).
     */
    public static PostgresServer startOrSkip() throws Exception {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            skip("PostgreSQL is missing (no " + DEBIAN_BINARIES + "/*/bin/initdb); install the Debian "
                    + "package postgresql (apt-get install postgresql)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("uplift-postgres-");
        PostgresServer server = new PostgresServer(bin.get(), directory, root, freePort());
        if (root) {
            server.handOverToPostgresUser();
        }
        try {
            server.start();
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(server.stopAtExit);
            server.stopQuietly();
            throw e;
        }
        return server;
    }

    /** An empty database of its own, as a DataSource for the test user. */
    public DataSource newDatabase() throws SQLException {
        String name = "uplift_test_" + databases.incrementAndGet();
        try (Connection connection = dataSource("postgres").getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return dataSource(name);
    }

    @Override
    public void close() throws Exception {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void skip(String message) {
        if (Boolean.getBoolean("uplift.interop.required")) {
            fail(message + " (uplift.interop.required is true)");
        }
        Assumptions.abort(message);
    }

    /**
     * The directory (made 0700 for root) becomes the postgres user's; java.io.tmpdir itself may still be out of
     * that user's reach (set below a root-only directory), which is a reason to skip, not a test failure.
     */
    private void handOverToPostgresUser() throws IOException, InterruptedException {
        UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("postgres");
        Files.setOwner(directory, postgres);
        Process probe = new ProcessBuilder("runuser", "-u", "postgres", "--", "test", "-w", directory.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            probe.destroyForcibly();
            deleteRecursively(directory);
            skip("PostgreSQL tests need a directory the postgres user can write: " + directory.getParent()
                    + " (java.io.tmpdir) is out of its reach; run with -Djava.io.tmpdir=/tmp");
        }
    }

    private void start() throws Exception {
        run(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off",
                "start"));
    }

    private DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[]{"127.0.0.1"});
        dataSource.setPortNumbers(new int[]{port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USER);
        return dataSource;
    }

    private Path data() {
        return directory.resolve("data");
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = directory.resolve("commands.log");
        // run in the cluster's directory: the postgres user may not be allowed into the module's
        Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", full) + " did not finish in 90 s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " exited with " + process.exitValue() + ":\n"
                    + Files.readString(log) + tail(directory.resolve("server.log")));
        }
    }

    private void stopQuietly() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "stop"));
        } catch (IOException | InterruptedException e) {
            // not running, or the JVM is exiting: the directory goes either way
        }
        try {
            deleteRecursively(directory);
        } catch (IOException e) {
            // left in java.io.tmpdir; its name says what it was
        }
    }

    private static String tail(Path log) throws IOException {
        return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
    }

    /** Debian's newest installed PostgreSQL, e.g. /usr/lib/postgresql/15/bin. */
    private static Optional<Path> binaries() throws IOException {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb"))
                            && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent())));
        }
    }

    private static int versionOf(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
