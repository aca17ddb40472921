package io.hatidata.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Client programs the tests drive (psql, pgbench, node): run to completion within a bound. */
final class Programs {
    static final File PSQL = new File("/usr/bin/psql");
    static final File PGBENCH = new File("/usr/bin/pgbench");
    private static final long TIMEOUT_SECONDS = 120;

    private Programs() {}

    /** What a finished program printed (stdout and stderr together) and its exit code. */
    record Outcome(int exitCode, String output) {}

    /** Runs a program to completion; returns its output, failing on a non-zero exit. */
    static String run(List<String> command, Map<String, String> environment, String input) throws Exception {
        Outcome outcome = outcome(command, environment, input);
        assertEquals(String.join(" ", command) + "\n" + outcome.output(), 0, outcome.exitCode());
        return outcome.output();
    }

    /**
     * Runs a program to completion, at most {@value #TIMEOUT_SECONDS} seconds (then it is killed and the
     * test fails), whatever its exit code.
     */
    static Outcome outcome(List<String> command, Map<String, String> environment, String input) throws Exception {
        Path output = Files.createTempFile("hatidata-itest-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            builder.environment().put("PGCONNECT_TIMEOUT", "10");
            builder.redirectErrorStream(true);
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s:\n" + printed, finished);
            return new Outcome(process.exitValue(), printed);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** psql against the distribution with this password, unaligned, tuples only, stopping at the first error. */
    static Outcome psql(String password, String... commands) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PSQL.getPath(), "-h", "127.0.0.1", "-p",
                Integer.toString(HatiDataTestSupport.pgPort()), "-U", "agent", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-v", "VERBOSITY=verbose"));
        for (String each : commands) {
            command.add("-c");
            command.add(each);
        }
        command.add("hatidata");
        return outcome(command, Map.of("PGPASSWORD", password, "PGSSLMODE", "disable"), null);
    }
}
