package io.hatidata.wire.pg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message from the client, as {@link PgFrameDecoder} frames and decodes it. The records hold no
 * {@code ByteBuf}: everything is copied out of the frame, so a message needs no release.
 *
 * <p>The first group comes in the startup phase (no type byte); the rest are typed messages.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">PostgreSQL:
 *     Message Formats</a>
 */
sealed interface FrontendMessage {

    /** {@code SSLRequest}: int32 8, int32 80877103. */
    record SslRequest() implements FrontendMessage {}

    /** {@code GSSENCRequest}: int32 8, int32 80877104. */
    record GssEncRequest() implements FrontendMessage {}

    /** {@code CancelRequest}: int32 16, int32 80877102, int32 process id, int32 secret key. */
    record CancelRequest(BackendKey key) implements FrontendMessage {}

    /**
     * {@code StartupMessage}: int32 length, int32 196608 (protocol 3.0), then name/value C-string pairs
     * up to an empty name.
     */
    /** @param minorVersion the minor protocol version the client asked for (3.minor); 0 for plain 3.0 */
    record StartupMessage(Map<String, String> parameters, int minorVersion) implements FrontendMessage {
        public StartupMessage {
            parameters = Map.copyOf(parameters);
        }

        public StartupMessage(Map<String, String> parameters) {
            this(parameters, 0);
        }
    }

    /** {@code PasswordMessage}: 'p', int32 length, C-string password. {@link #toString()} hides it. */
    record PasswordMessage(String password) implements FrontendMessage {
        public PasswordMessage {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "PasswordMessage[password=<redacted>]";
        }
    }

    /** {@code Query}: 'Q', int32 length, C-string query (one or more statements). */
    record Query(String sql) implements FrontendMessage {}

    /** {@code Sync}: 'S', int32 4. */
    record Sync() implements FrontendMessage {}

    /** {@code Flush}: 'H', int32 4. */
    record Flush() implements FrontendMessage {}

    /** {@code Terminate}: 'X', int32 4. */
    record Terminate() implements FrontendMessage {}

    /**
     * {@code Parse}: 'P', Int32 length, String statement name (empty: the unnamed statement), String query,
     * Int16 parameter type count, Int32 type OID per parameter (0: unspecified).
     */
    record Parse(String statementName, String sql, List<Integer> parameterTypes) implements FrontendMessage {
        public Parse {
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    /**
     * {@code Bind}: 'B', Int32 length, String portal name, String statement name, Int16 parameter format
     * count, Int16 format per parameter (0 text, 1 binary; none: all text; one: for all), Int16 value count,
     * per value Int32 length (-1: NULL) and the bytes, Int16 result format count, Int16 format per column.
     * A NULL value is a {@code null} element of {@code values}.
     */
    record Bind(String portalName, String statementName, List<Short> parameterFormats, List<byte[]> values,
            List<Short> resultFormats) implements FrontendMessage {
        public Bind {
            parameterFormats = List.copyOf(parameterFormats);
            values = Collections.unmodifiableList(new ArrayList<>(values));
            resultFormats = List.copyOf(resultFormats);
        }
    }

    /** {@code Describe}: 'D', Int32 length, Byte1 'S' (statement) or 'P' (portal), String name. */
    record Describe(char kind, String name) implements FrontendMessage {}

    /** {@code Execute}: 'E', Int32 length, String portal name, Int32 maximum rows (0: no limit). */
    record Execute(String portalName, int maxRows) implements FrontendMessage {}

    /** {@code Close}: 'C', Int32 length, Byte1 'S' (statement) or 'P' (portal), String name. */
    record Close(char kind, String name) implements FrontendMessage {}

    /** {@code CopyData}: 'd', Int32 length, the bytes of a COPY FROM STDIN stream. */
    record CopyData(byte[] data) implements FrontendMessage {}

    /** {@code CopyDone}: 'c', Int32 4. */
    record CopyDone() implements FrontendMessage {}

    /** {@code CopyFail}: 'f', Int32 length, String the client's reason. */
    record CopyFail(String reason) implements FrontendMessage {}

    /** A message whose type byte this server does not know. */
    record UnknownMessage(char type) implements FrontendMessage {}
}
