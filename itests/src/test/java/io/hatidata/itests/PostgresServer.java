package io.hatidata.itests;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.postgresql.Driver;

/**
 * A real PostgreSQL server for one test (the stand-in for an existing warehouse): {@code initdb} into a
 * temporary folder, trust authentication on a free loopback port, stopped and deleted on close. Uses the
 * machine's newest {@code /usr/lib/postgresql/<v>/bin}; as root, the server runs as {@code postgres}.
 */
final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path folder;
    private final boolean asRoot = "root".equals(System.getProperty("user.name"));
    final int port;

    private PostgresServer(Path bin) throws Exception {
        this.bin = bin;
        this.folder = Files.createTempDirectory("hatidata-itest-pg");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        if (asRoot) {
            Programs.run(List.of("chown", "postgres", folder.toString()), Map.of(), null);
        }
        Programs.run(server(bin.resolve("initdb").toString(), "-D", data(), "-U", "hatidata", "--auth=trust", "-E", "UTF8",
                "--no-sync"), Map.of(), null);
        Programs.run(server(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", folder.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off -c TimeZone=UTC",
                "start"), Map.of(), null);
    }

    /** A started server, or empty where PostgreSQL's server programs are not installed. */
    static Optional<PostgresServer> start() throws Exception {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            Optional<Path> bin = versions.map(each -> each.resolve("bin"))
                    .filter(each -> Files.isExecutable(each.resolve("initdb")))
                    .max(Comparator.comparingInt(each -> major(each.getParent().getFileName().toString())));
            return bin.isEmpty() ? Optional.empty() : Optional.of(new PostgresServer(bin.get()));
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "hatidata");
        return new Driver().connect(jdbcUrl(), properties);
    }

    @Override
    public void close() throws Exception {
        try {
            Programs.outcome(server(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "stop"), Map.of(), null);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path each : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(each);
                }
            }
        }
    }

    private String data() {
        return folder.resolve("data").toString();
    }

    private List<String> server(String... command) {
        List<String> result = new ArrayList<>();
        if (asRoot) {
            result.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        result.addAll(List.of(command));
        return result;
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
