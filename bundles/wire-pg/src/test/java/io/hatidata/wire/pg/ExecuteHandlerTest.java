package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.exchange;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecuteHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void pipelinedParseBindDescribeExecuteSyncAsPgjdbcSendsIt() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "echo $1 $2", PgOids.INT4, PgOids.VARCHAR),
                ClientMessages.bindText("", "", "7", "seven"), ClientMessages.describe('P', ""),
                ClientMessages.execute(), ClientMessages.sync());
        assertEquals("12TDCZ", types(messages));
        assertEquals(List.of("v:23:0", "v:25:0"), messages.get(2).columns());
        assertEquals(List.of("7", "seven"), messages.get(3).values());
        assertEquals("SELECT 1", messages.get(4).string());
        assertEquals("I", new String(messages.get(5).body()));
        assertEquals(List.of(List.of(7, "seven")), connections.pipeline.parameters);
    }

    @Test
    void namedStatementIsReusedWithNewValues() {
        channel = connections.openAuthenticated();
        assertEquals("1tTZ", types(exchange(channel, ClientMessages.parse("S_1", "echo $1", PgOids.INT8),
                ClientMessages.describe('S', "S_1"), ClientMessages.sync())));
        for (int i = 0; i < 3; i++) {
            List<Message> messages = exchange(channel, ClientMessages.bindText("", "S_1", String.valueOf(i)),
                    ClientMessages.execute(), ClientMessages.sync());
            assertEquals("2DCZ", types(messages));
            assertEquals(List.of(String.valueOf(i)), messages.get(1).values());
        }
        assertEquals(List.of(List.of(0L), List.of(1L), List.of(2L)), connections.pipeline.parameters);
    }

    @Test
    void binaryResultsAreEncodedPerColumn() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "select"),
                ClientMessages.bind("", "", new short[0], new byte[0][], new short[] {1, 1}),
                ClientMessages.execute(), ClientMessages.sync());
        assertEquals("12DDCZ", types(messages));
        assertArrayEquals(ByteBuffer.allocate(4).putInt(1).array(), messages.get(2).rawValues().get(0));
        assertArrayEquals("one".getBytes(), messages.get(2).rawValues().get(1));
        assertEquals(Arrays.asList(null, null), Arrays.asList(messages.get(3).rawValues().get(1), null));
    }

    @Test
    void rowLimitNotReachedCompletesNormally() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "select"), ClientMessages.bind(),
                ClientMessages.execute("", 2), ClientMessages.sync());
        assertEquals("12DDCZ", types(messages));
    }

    @Test
    void emptyStatementIsEmptyQueryResponse() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", ""), ClientMessages.bind(),
                ClientMessages.describe('P', ""), ClientMessages.execute(), ClientMessages.sync());
        assertEquals("12nIZ", types(messages));
        assertTrue(connections.pipeline.executed.isEmpty());
    }

    @Test
    void setAndShowWorkThroughTheExtendedProtocol() {
        channel = connections.openAuthenticated();
        List<Message> set = exchange(channel, ClientMessages.parse("", "SET application_name = 'jdbc'"), ClientMessages.bind(),
                ClientMessages.execute(), ClientMessages.sync());
        assertEquals("12SCZ", types(set));
        assertEquals("SET", set.get(3).string());
        List<Message> show = exchange(channel, ClientMessages.parse("", "SHOW application_name"), ClientMessages.bind(),
                ClientMessages.describe('P', ""), ClientMessages.execute(), ClientMessages.sync());
        assertEquals("12TDCZ", types(show));
        assertEquals(List.of("jdbc"), show.get(3).values());
        assertTrue(connections.pipeline.executed.isEmpty());
    }

    @Test
    void failureIsReportedOnceAndTheRestIgnoredUntilSync() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "bad"), ClientMessages.bind(), ClientMessages.execute(),
                ClientMessages.parse("", "select"), ClientMessages.bind(), ClientMessages.execute(),
                ClientMessages.sync());
        assertEquals("12EZ", types(messages));
        assertEquals(List.of("bad"), connections.pipeline.executed);
    }

    @Test
    void defectIsXX000WithoutInternals() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "boom"), ClientMessages.bind(), ClientMessages.execute(),
                ClientMessages.sync());
        assertEquals("12EZ", types(messages));
        assertEquals("XX000", messages.get(2).fields().get('C'));
        assertEquals("internal error", messages.get(2).fields().get('M'));
    }

    @Test
    void transactionStatusIsReportedAtSync() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "begin"), ClientMessages.bind(), ClientMessages.execute(),
                ClientMessages.sync());
        assertEquals("12CZ", types(messages));
        assertEquals("T", new String(messages.get(3).body()));
    }

    @Test
    void portalThatRanToCompletionCannotRunAgain() {
        channel = connections.openAuthenticated();
        exchange(channel, ClientMessages.query("begin"));
        List<Message> messages = exchange(channel, ClientMessages.parse("", "select"), ClientMessages.bindText("p", ""),
                ClientMessages.execute("p", 0), ClientMessages.execute("p", 0), ClientMessages.sync());
        assertEquals("12DDCEZ", types(messages));
        assertEquals("55000", messages.get(5).fields().get('C'));
    }

    @Test
    void unknownPortalIs34000() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.execute("nope", 0), ClientMessages.sync());
        assertEquals("EZ", types(messages));
        assertEquals("34000", messages.get(0).fields().get('C'));
    }
}
