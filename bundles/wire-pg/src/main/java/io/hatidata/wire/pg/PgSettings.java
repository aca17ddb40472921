package io.hatidata.wire.pg;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated, immutable form of {@link PgServerConfig}; what the server and its connections read.
 * Connections read the settings current when they open (limits) or when a message arrives (databases,
 * connection count). {@link #tls} is read when the server starts or is reconfigured (it builds the TLS
 * context then) and per StartupMessage ({@code tlsRequired}).
 */
record PgSettings(
        int port,
        String bindAddress,
        Set<String> databaseNames,
        int maxConnections,
        int maxStartupPacketBytes,
        int maxMessageBytes,
        int statementThreads,
        int statementQueue,
        int authenticationTimeoutSeconds,
        TlsSettings tls,
        IdleTimeouts idleTimeouts) {

    /** Settings without TLS (SSLRequest answered {@code 'N'}). */
    PgSettings(
            int port,
            String bindAddress,
            Set<String> databaseNames,
            int maxConnections,
            int maxStartupPacketBytes,
            int maxMessageBytes,
            int statementThreads,
            int statementQueue,
            int authenticationTimeoutSeconds) {
        this(port, bindAddress, databaseNames, maxConnections, maxStartupPacketBytes, maxMessageBytes,
                statementThreads, statementQueue, authenticationTimeoutSeconds, TlsSettings.DISABLED);
    }

    /** Settings without idle timeouts. */
    PgSettings(
            int port,
            String bindAddress,
            Set<String> databaseNames,
            int maxConnections,
            int maxStartupPacketBytes,
            int maxMessageBytes,
            int statementThreads,
            int statementQueue,
            int authenticationTimeoutSeconds,
            TlsSettings tls) {
        this(port, bindAddress, databaseNames, maxConnections, maxStartupPacketBytes, maxMessageBytes,
                statementThreads, statementQueue, authenticationTimeoutSeconds, tls, IdleTimeouts.NONE);
    }

    PgSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.strip();
        databaseNames = Set.copyOf(databaseNames);
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxStartupPacketBytes", maxStartupPacketBytes);
        requirePositive("maxMessageBytes", maxMessageBytes);
        requirePositive("statementThreads", statementThreads);
        if (statementThreads > StatementExecutor.MAX_THREADS) {
            throw new IllegalArgumentException("statementThreads must be at most " + StatementExecutor.MAX_THREADS
                    + ": " + statementThreads);
        }
        if (statementQueue < 0) {
            throw new IllegalArgumentException("statementQueue must not be negative: " + statementQueue);
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(idleTimeouts, "idleTimeouts");
    }

    static PgSettings from(PgServerConfig config) {
        return new PgSettings(
                config.port(),
                config.bindAddress(),
                parseNames(config.databaseNames()),
                config.maxConnections(),
                config.maxStartupPacketBytes(),
                config.maxMessageBytes(),
                config.statementThreads(),
                config.statementQueue(),
                config.authenticationTimeoutSeconds(),
                TlsSettings.from(config),
                new IdleTimeouts(config.idleSessionTimeoutSeconds(), config.idleInTransactionTimeoutSeconds()));
    }

    /** {@code "a, b,,c"} → {a, b, c}. */
    static Set<String> parseNames(String commaSeparated) {
        if (commaSeparated == null) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(each -> !each.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the listening socket must change to go from this to {@code other}. */
    boolean sameAddress(PgSettings other) {
        return port == other.port && bindAddress.equals(other.bindAddress);
    }

    /** These settings, listening where {@code other} does. */
    PgSettings withAddressOf(PgSettings other) {
        return new PgSettings(other.port, other.bindAddress, databaseNames, maxConnections, maxStartupPacketBytes,
                maxMessageBytes, statementThreads, statementQueue, authenticationTimeoutSeconds, tls, idleTimeouts);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
