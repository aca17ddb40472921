package io.hatidata.controlplane;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway PostgreSQL cluster for one test class: {@code initdb} into a temporary folder, a free
 * loopback port, trust authentication, {@code pg_ctl stop} at the end. Uses the newest
 * {@code /usr/lib/postgresql/<v>/bin}; as root it runs the server as the {@code postgres} user (PostgreSQL
 * refuses to run as root).
 */
final class PostgresCluster implements AutoCloseable {
    private final Path folder;
    private final Path bin;
    private final boolean asPostgresUser;
    final int port;

    private PostgresCluster(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        this.folder = Files.createTempDirectory("hatidata-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        if (asPostgresUser) {
            run(List.of("chown", "postgres", folder.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-U", "hatidata",
                "--auth=trust", "-E", "UTF8", "--no-sync"), true);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l",
                folder.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), true);
    }

    /** A cluster, or empty where PostgreSQL's server binaries are not installed. */
    static Optional<PostgresCluster> start() throws IOException, InterruptedException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            Optional<Path> bin = versions.map(each -> each.resolve("bin"))
                    .filter(each -> Files.isExecutable(each.resolve("initdb")))
                    .max(Comparator.comparing(each -> each.getParent().getFileName().toString(),
                            Comparator.comparingInt(PostgresCluster::major)));
            if (bin.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PostgresCluster(bin.get()));
        }
    }

    PGSimpleDataSource dataSource() {
        PGSimpleDataSource result = new PGSimpleDataSource();
        result.setServerNames(new String[] {"127.0.0.1"});
        result.setPortNumbers(new int[] {port});
        result.setUser("hatidata");
        result.setDatabaseName("postgres");
        return result;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "immediate",
                    "stop"), true);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path each : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(each);
                }
            }
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(Arrays.asList("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
