package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.drain;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simple query protocol, byte for byte, on an {@link EmbeddedChannel}. */
class QueryHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void selectAnswersRowDescriptionDataRowsCommandCompleteReadyForQuery() {
        channel = connections.openAuthenticated();
        ByteBuf query = ClientMessages.query("select;");
        channel.writeInbound(query);
        assertEquals(0, query.refCnt());
        List<Message> messages = drain(channel);

        assertEquals("TDDCZ", types(messages));
        assertEquals(List.of("id", "name"), messages.get(0).fieldNames());
        ByteBuf description = messages.get(0).buffer();
        description.skipBytes(2 + 3);
        assertEquals(0, description.readInt(), "table oid");
        assertEquals(0, description.readShort(), "attnum");
        assertEquals(23, description.readInt(), "int4 oid");
        assertEquals(4, description.readShort(), "int4 typlen");
        assertEquals(-1, description.readInt(), "typmod");
        assertEquals(0, description.readShort(), "text format");
        assertEquals(List.of("1", "one"), messages.get(1).values());
        assertEquals(Arrays.asList("2", null), messages.get(2).values());
        assertEquals("SELECT 2", messages.get(3).string());
        assertEquals("I", new String(messages.get(4).body()));
        assertTrue(channel.config().isAutoRead(), "reading resumed");
    }

    @Test
    void multiStatementQueryStopsAtTheFirstError() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("select; bad_table; select"));
        List<Message> messages = drain(channel);

        assertEquals("TDDCEZ", types(messages));
        Map<Character, String> fields = messages.get(4).fields();
        assertEquals("ERROR", fields.get('S'));
        assertEquals("ERROR", fields.get('V'));
        assertEquals("42P01", fields.get('C'));
        assertEquals("relation \"bad\" does not exist", fields.get('M'));
        assertEquals(List.of("select", "bad_table"), connections.pipeline.executed);
        assertTrue(channel.isActive(), "an ERROR keeps the connection");
    }

    @Test
    void anErrorBeyondRuntimeExceptionsStillEndsInErrorResponseAndReadyForQuery() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("overflow; select"));
        List<Message> messages = drain(channel);

        assertEquals("EZ", types(messages));
        assertEquals("XX000", messages.get(0).fields().get('C'));
        assertTrue(channel.isActive());
    }

    @Test
    void agentIdentitySetOnTheConnectionReachesThePipelinesSession() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("SET hatidata_agent_id = 'analytics-agent-1'; select"));
        drain(channel);
        assertEquals("analytics-agent-1", connections.pipeline.lastSettings.get("hatidata_agent_id"));
    }

    @Test
    void emptyQueryAnswersEmptyQueryResponse() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("  ;; -- nothing\n"));
        assertEquals("IZ", types(drain(channel)));
        assertTrue(connections.pipeline.executed.isEmpty());
    }

    @Test
    void defectInThePipelineIsInternalErrorWithoutDetails() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("boom"));
        List<Message> messages = drain(channel);
        assertEquals("EZ", types(messages));
        assertEquals("XX000", messages.get(0).fields().get('C'));
        assertEquals("internal error", messages.get(0).fields().get('M'));
    }

    @Test
    void readyForQueryReportsTheSessionsTransactionStatus() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("begin"));
        List<Message> messages = drain(channel);
        assertEquals("CZ", types(messages));
        assertEquals("T", new String(messages.get(1).body()));
    }

    @Test
    void pipelinedQueriesAreAnsweredInOrder() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.concat(
                ClientMessages.query("select"), ClientMessages.query("bad"), ClientMessages.query("other")));
        assertEquals("TDDCZEZCZ", types(drain(channel)));
        assertEquals(List.of("select", "bad", "other"), connections.pipeline.executed);
    }

    @Test
    void largeResultIsStreamedInManyWrites() {
        channel = connections.openAuthenticated();
        channel.writeInbound(ClientMessages.query("rows 2000"));
        List<Message> messages = drain(channel);
        assertEquals(2003, messages.size());
        assertEquals("SELECT 2000", messages.get(2001).string());
    }

    @Test
    void fullStatementQueueRefusesTheQueryButKeepsTheConnection() {
        AtomicBoolean full = new AtomicBoolean();
        Executor executor = task -> {
            if (full.get()) {
                throw new RejectedExecutionException("queue full");
            }
            task.run();
        };
        TestConnections busy = new TestConnections(executor, TestConnections.settings(10));
        channel = busy.openAuthenticated();
        full.set(true);
        channel.writeInbound(ClientMessages.query("select"));
        List<Message> messages = drain(channel);

        assertEquals("EZ", types(messages));
        assertEquals("53300", messages.get(0).fields().get('C'));
        assertEquals("server is busy: too many statements waiting", messages.get(0).fields().get('M'));
        assertTrue(channel.isActive());
        assertTrue(channel.config().isAutoRead());

        full.set(false);
        channel.writeInbound(ClientMessages.query("select"));
        assertEquals("TDDCZ", types(drain(channel)));
    }

    @Test
    void closedClientStopsTheStatementWith08006() throws Exception {
        channel = connections.openAuthenticated();
        PgConnection connection = new PgConnection(channel, connections.context, message -> { });
        DataRowSink sink = new DataRowSink(connection.writer(), channel.alloc());
        channel.close();
        io.hatidata.api.query.QueryException ex = org.junit.jupiter.api.Assertions.assertThrows(
                io.hatidata.api.query.QueryException.class, () -> sink.complete("SELECT 0"));
        assertEquals("08006", ex.sqlState());
        assertFalse(channel.isActive());
    }
}
