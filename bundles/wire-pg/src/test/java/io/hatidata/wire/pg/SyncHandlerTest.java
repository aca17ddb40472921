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

class SyncHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void syncOutsideATransactionClosesPortalsButKeepsStatements() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(ClientMessages.parse("s", "select"),
                ClientMessages.bindText("p", "s"), ClientMessages.sync(), ClientMessages.execute("p", 0),
                ClientMessages.sync(), ClientMessages.bindText("p", "s"), ClientMessages.execute("p", 0),
                ClientMessages.sync()));
        List<Message> messages = drain(channel);
        assertEquals("12ZEZ2DDCZ", types(messages));
        assertEquals("34000", messages.get(3).fields().get('C'));
    }

    @Test
    void syncInsideATransactionKeepsPortals() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(ClientMessages.query("begin"), ClientMessages.parse("s", "select"),
                ClientMessages.bindText("p", "s"), ClientMessages.sync(), ClientMessages.execute("p", 0),
                ClientMessages.sync()));
        List<Message> messages = drain(channel);
        assertEquals("CZ12ZDDCZ", types(messages));
        assertEquals("T", new String(messages.get(8).body()));
    }

    @Test
    void flushSendsWhatIsPendingWithoutReadyForQuery() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(ClientMessages.parse("", "select"), ClientMessages.flush()));
        assertEquals("1", types(drain(channel)));
        assertTrue(channel.isActive());
    }
}
