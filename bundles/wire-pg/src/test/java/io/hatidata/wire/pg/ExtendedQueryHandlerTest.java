package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.drain;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extended query protocol is refused once per batch, then ignored until Sync. */
class ExtendedQueryHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void firstExtendedMessageIs0A000AndTheRestIsIgnoredUntilSync() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(
                ClientMessages.parse("", "select"), ClientMessages.bind(), ClientMessages.execute()));
        List<Message> messages = drain(channel);
        assertEquals("E", types(messages));
        assertEquals("ERROR", messages.get(0).fields().get('S'));
        assertEquals("0A000", messages.get(0).fields().get('C'));
        assertEquals(ExtendedQueryHandler.NOT_SUPPORTED, messages.get(0).fields().get('M'));

        channel.writeInbound(ClientMessages.sync());
        messages = drain(channel);
        assertEquals("Z", types(messages));
        assertEquals("I", new String(messages.get(0).body()));
        assertTrue(channel.isActive());
        assertTrue(connections.pipeline.executed.isEmpty());
    }

    @Test
    void nextBatchIsRefusedAgain() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(ClientMessages.parse("", "select"), ClientMessages.sync()));
        assertEquals("EZ", types(drain(channel)));
        channel.writeInbound(ClientMessages.concat(ClientMessages.parse("", "select"), ClientMessages.sync()));
        assertEquals("EZ", types(drain(channel)));
    }

    @Test
    void simpleQueryWorksAfterSync() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(
                ClientMessages.parse("", "select"), ClientMessages.sync(), ClientMessages.query("select")));
        assertEquals("EZTDDCZ", types(drain(channel)));
    }

    @Test
    void flushSendsNothingNew() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.flush());
        assertEquals("", types(drain(channel)));
        assertTrue(channel.isActive());
    }
}
