package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.exchange;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DescribeHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void describeStatementFillsUnspecifiedParameterTypesFromTheEngine() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("s", "echo $1 $2", PgOids.INT4, 0),
                ClientMessages.describe('S', "s"), ClientMessages.sync());
        assertEquals("1tTZ", types(messages));
        assertEquals(List.of(PgOids.INT4, PgOids.INT8), messages.get(1).parameterTypes());
        assertEquals(List.of("v:20:0", "v:20:0"), messages.get(2).columns());
        assertEquals(List.of("echo $1 $2"), connections.pipeline.described);
        assertTrue(connections.pipeline.executed.isEmpty(), "describe runs nothing");
    }

    @Test
    void describeStatementWithoutRowsIsNoData() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "insert"), ClientMessages.describe('S', ""),
                ClientMessages.sync());
        assertEquals("1tnZ", types(messages));
        assertEquals(List.of(), messages.get(1).parameterTypes());
    }

    @Test
    void describePortalUsesTheBindsResultFormats() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "select"),
                ClientMessages.bind("", "", new short[0], new byte[0][], new short[] {1, 0}),
                ClientMessages.describe('P', ""), ClientMessages.sync());
        assertEquals("12TZ", types(messages));
        assertEquals(List.of("id:23:1", "name:25:0"), messages.get(2).columns());
    }

    @Test
    void describePortalPassesTheBoundValues() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "echo $1", PgOids.BOOL),
                ClientMessages.bindText("", "", "true"), ClientMessages.describe('P', ""), ClientMessages.sync());
        assertEquals("12TZ", types(messages));
        assertEquals(List.of("v:16:0"), messages.get(2).columns());
    }

    @Test
    void intervalsTravelInBinaryWhenAskedFor() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "interval"),
                ClientMessages.bind("", "", new short[0], new byte[0][], new short[] {1}),
                ClientMessages.describe('P', ""), ClientMessages.execute(), ClientMessages.sync());
        assertEquals("12TDCZ", types(messages));
        assertEquals(List.of("i:1186:1"), messages.get(2).columns());
    }

    @Test
    void sessionParametersAndEmptyStatementsAreDescribedWithoutThePipeline() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, 
                ClientMessages.parse("set", "SET extra_float_digits = 3"), ClientMessages.describe('S', "set"),
                ClientMessages.parse("show", "SHOW application_name"), ClientMessages.describe('S', "show"),
                ClientMessages.parse("empty", " ; "), ClientMessages.describe('S', "empty"),
                ClientMessages.sync());
        assertEquals("1tn1tT1tnZ", types(messages));
        assertEquals(List.of("application_name:25:0"), messages.get(5).columns());
        assertTrue(connections.pipeline.described.isEmpty());
    }

    @Test
    void engineErrorIsReportedAndTheRestIgnoredUntilSync() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "bad table"), ClientMessages.bind(),
                ClientMessages.describe('P', ""), ClientMessages.execute(), ClientMessages.sync());
        assertEquals("12EZ", types(messages));
        assertEquals("42P01", messages.get(2).fields().get('C'));
        assertTrue(connections.pipeline.described.isEmpty(), "the Execute answered the Describe");

        assertEquals("12TDDCZ", types(exchange(channel, ClientMessages.parse("", "select"), ClientMessages.bind(),
                ClientMessages.describe('P', ""), ClientMessages.execute(), ClientMessages.sync())));
    }

    @Test
    void describePortalFollowedByItsExecuteRunsThePipelineOnceAndSendsTheSameMessages() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "echo $1", PgOids.BOOL),
                ClientMessages.bindText("", "", "true"), ClientMessages.describe('P', ""), ClientMessages.execute(),
                ClientMessages.sync());
        assertEquals("12TDCZ", types(messages));
        assertEquals(List.of("v:16:0"), messages.get(2).columns());
        assertTrue(connections.pipeline.described.isEmpty(), "no describe-only run");
        assertEquals(List.of("echo $1"), connections.pipeline.executed);
    }

    @Test
    void anOwedDescribeOfAStatementWithoutRowsIsNoDataBeforeTheCommandComplete() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "insert"), ClientMessages.bind(),
                ClientMessages.describe('P', ""), ClientMessages.execute(), ClientMessages.sync());
        assertEquals("12nCZ", types(messages));
        assertTrue(connections.pipeline.described.isEmpty());
    }

    @Test
    void aDescribeFollowedByAnotherMessageIsAnsweredBeforeIt() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "select"), ClientMessages.bind(),
                ClientMessages.describe('P', ""), ClientMessages.flush(), ClientMessages.execute(),
                ClientMessages.sync());
        assertEquals("12TDDCZ", types(messages));
        assertEquals(List.of("select"), connections.pipeline.described);
        assertEquals(List.of("select"), connections.pipeline.executed);
    }

    @Test
    void unknownStatementOrPortalIsAnError() {
        channel = connections.openAuthenticated();
        List<Message> statement = exchange(channel, ClientMessages.describe('S', "nope"), ClientMessages.sync());
        assertEquals("26000", statement.get(0).fields().get('C'));
        List<Message> portal = exchange(channel, ClientMessages.describe('P', "nope"), ClientMessages.sync());
        assertEquals("34000", portal.get(0).fields().get('C'));
    }
}
