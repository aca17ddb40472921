package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.drain;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloseHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void closedStatementAndPortalAreGone() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("begin"));
        drain(channel);
        channel.writeInbound(ClientMessages.concat(ClientMessages.parse("s", "select"),
                ClientMessages.bindText("p", "s"), ClientMessages.close('P', "p"), ClientMessages.close('S', "s"),
                ClientMessages.execute("p", 0), ClientMessages.sync()));
        List<Message> messages = drain(channel);
        assertEquals("1233EZ", types(messages));
        assertEquals("34000", messages.get(4).fields().get('C'));

        channel.writeInbound(ClientMessages.concat(ClientMessages.bindText("", "s"), ClientMessages.sync()));
        assertEquals("26000", drain(channel).get(0).fields().get('C'));
    }

    @Test
    void closingWhatDoesNotExistIsNoError() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(
                ClientMessages.close('S', "nope"), ClientMessages.close('P', "nope"), ClientMessages.sync()));
        assertEquals("33Z", types(drain(channel)));
    }
}
