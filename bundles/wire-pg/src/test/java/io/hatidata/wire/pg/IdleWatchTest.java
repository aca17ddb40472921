package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.drain;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idle timeouts on an {@link EmbeddedChannel} whose clock the test advances. */
class IdleWatchTest {
    private final TestConnections connections = new TestConnections(Runnable::run, new PgSettings(0, "127.0.0.1",
            Set.of("hatidata"), 8, 10000, 1 << 20, 4, 4, 60, TlsSettings.DISABLED, new IdleTimeouts(60, 10)));
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void anIdleSessionIsClosedWith57P05AfterTheServerDefault() {
        channel = authenticated();
        channel.advanceTimeBy(59, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isActive());
        assertEquals("", types(drain(channel)));
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertClosedWith("57P05");
    }

    @Test
    void activityRestartsTheClock() {
        channel = authenticated();
        channel.advanceTimeBy(50, TimeUnit.SECONDS);
        channel.writeInbound(ClientMessages.query("SELECT 1"));
        drain(channel);
        channel.advanceTimeBy(50, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isActive(), "only 50 s idle since the last statement");
        channel.advanceTimeBy(11, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertClosedWith("57P05");
    }

    @Test
    void insideATransactionTheShorterTimeoutAppliesWith25P03() {
        channel = authenticated();
        channel.writeInbound(ClientMessages.query("begin"));
        drain(channel);
        channel.advanceTimeBy(11, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertClosedWith("25P03");
    }

    @Test
    void aSessionMaySetItsOwnTimeoutOrTurnItOff() {
        channel = authenticated();
        channel.writeInbound(ClientMessages.query("SET idle_session_timeout = '2s'"));
        drain(channel);
        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertClosedWith("57P05");

        channel = authenticated();
        channel.writeInbound(ClientMessages.query("SET idle_session_timeout = 0"));
        drain(channel);
        channel.advanceTimeBy(2, TimeUnit.HOURS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isActive());
    }

    private EmbeddedChannel authenticated() {
        EmbeddedChannel result = connections.open();
        result.freezeTime();
        result.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        result.writeInbound(ClientMessages.password(FakeAuthenticator.GOOD_KEY));
        drain(result);
        return result;
    }

    private void assertClosedWith(String sqlState) {
        List<Message> messages = drain(channel);
        assertEquals("E", types(messages));
        assertEquals(sqlState, messages.get(0).fields().get('C'));
        assertEquals("FATAL", messages.get(0).fields().get('S'));
        channel.runPendingTasks();
        assertFalse(channel.isActive());
    }
}
