package io.hatidata.wire.pg;

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
    record StartupMessage(Map<String, String> parameters) implements FrontendMessage {
        public StartupMessage {
            parameters = Map.copyOf(parameters);
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
     * One of the extended query protocol's messages: {@code Parse} 'P', {@code Bind} 'B', {@code Describe}
     * 'D', {@code Execute} 'E' or {@code Close} 'C'. Their bodies are not decoded yet; each becomes its
     * own record when the extended protocol lands.
     */
    record ExtendedQueryMessage(char type) implements FrontendMessage {}

    /** A message whose type byte this server does not know. */
    record UnknownMessage(char type) implements FrontendMessage {}
}
