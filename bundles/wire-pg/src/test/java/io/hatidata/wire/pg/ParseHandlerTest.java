package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.drain;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParseHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void parseAnswersParseCompleteAndRunsNothing() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(ClientMessages.parse("s1", "select", 23), ClientMessages.sync()));
        assertEquals("1Z", types(drain(channel)));
        assertTrue(connections.pipeline.executed.isEmpty());
        assertTrue(connections.pipeline.described.isEmpty());
    }

    @Test
    void namedStatementParsedAgainWithoutCloseIs42P05AndTheBatchIsSkipped() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(
                ClientMessages.parse("s1", "select"),
                ClientMessages.parse("s1", "select"),
                ClientMessages.bind("", "s1", new short[0], new byte[0][], new short[0]),
                ClientMessages.execute(),
                ClientMessages.sync()));
        List<Message> messages = drain(channel);
        assertEquals("1EZ", types(messages));
        assertEquals("42P05", messages.get(1).fields().get('C'));
        assertEquals("prepared statement \"s1\" already exists", messages.get(1).fields().get('M'));

        channel.writeInbound(ClientMessages.concat(
                ClientMessages.close('S', "s1"), ClientMessages.parse("s1", "select"), ClientMessages.sync()));
        assertEquals("31Z", types(drain(channel)));
    }

    @Test
    void unnamedStatementIsReplaced() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(
                ClientMessages.parse("", "select"), ClientMessages.parse("", "rows 1"),
                ClientMessages.bind(), ClientMessages.execute(), ClientMessages.sync()));
        assertEquals("112DCZ", types(drain(channel)));
        assertEquals(List.of("rows 1"), connections.pipeline.executed);
    }

    @Test
    void severalStatementsInOneParseAre42601() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(ClientMessages.parse("", "select; select"), ClientMessages.sync()));
        List<Message> messages = drain(channel);
        assertEquals("EZ", types(messages));
        assertEquals("42601", messages.get(0).fields().get('C'));
    }

    @Test
    void atMostAThousandStatementsPerConnection() {
        channel = connections.openAuthenticated();
        ByteBuf[] parses = new ByteBuf[ExtendedQueryState.MAX_STATEMENTS + 1];
        for (int i = 0; i < parses.length; i++) {
            parses[i] = ClientMessages.parse("s" + i, "select");
        }
        channel.writeInbound(ClientMessages.concat(parses));
        channel.writeInbound(ClientMessages.sync());
        List<Message> messages = drain(channel);
        assertEquals("1".repeat(ExtendedQueryState.MAX_STATEMENTS) + "EZ", types(messages));
        assertEquals("53400", messages.get(ExtendedQueryState.MAX_STATEMENTS).fields().get('C'));
    }
}
