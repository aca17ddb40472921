package io.hatidata.wire.pg;

import static io.hatidata.wire.pg.BackendMessageReader.exchange;
import static io.hatidata.wire.pg.BackendMessageReader.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.wire.pg.BackendMessageReader.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BindHandlerTest {
    private final TestConnections connections = new TestConnections();
    private EmbeddedChannel channel;

    @AfterEach
    void releaseEverything() {
        channel.finishAndReleaseAll();
    }

    @Test
    void textParametersAreDecodedByTheirDeclaredTypes() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, 
                ClientMessages.parse("", "echo $1 $2 $3 $4 $5 $6 $7", PgOids.INT4, PgOids.BOOL, PgOids.DATE,
                        PgOids.NUMERIC, PgOids.TIMESTAMPTZ, 0, PgOids.BYTEA),
                ClientMessages.bindText("", "", "42", "t", "2024-02-29", "12.50", "2024-01-02 03:04:05+02", "free",
                        "\\x0102"),
                ClientMessages.execute(),
                ClientMessages.sync());
        assertEquals("12DCZ", types(messages));
        List<Object> values = connections.pipeline.parameters.get(0);
        assertEquals(42, values.get(0));
        assertEquals(true, values.get(1));
        assertEquals(LocalDate.of(2024, 2, 29), values.get(2));
        assertEquals(new BigDecimal("12.50"), values.get(3));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)), values.get(4));
        assertEquals("free", values.get(5));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) values.get(6));
    }

    @Test
    void binaryParametersAreDecoded() {
        channel = connections.openAuthenticated();
        UUID id = UUID.randomUUID();
        byte[][] values = {
            ByteBuffer.allocate(8).putLong(9_000_000_000L).array(),
            ByteBuffer.allocate(8).putDouble(2.5).array(),
            ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array(),
            {1},
            ByteBuffer.allocate(8).putLong(86_400_000_000L + 1).array(),
            "héllo".getBytes(StandardCharsets.UTF_8),
            null,
            ByteBuffer.allocate(4).putInt(-1).array(),
        };
        List<Message> messages = exchange(channel, 
                ClientMessages.parse("", "echo $1 $2 $3 $4 $5 $6 $7 $8", PgOids.INT8, PgOids.FLOAT8, PgOids.UUID,
                        PgOids.BOOL, PgOids.TIMESTAMP, PgOids.VARCHAR, PgOids.INT4, PgOids.DATE),
                ClientMessages.bind("", "", new short[] {1}, values, new short[0]),
                ClientMessages.execute(),
                ClientMessages.sync());
        assertEquals("12DCZ", types(messages));
        assertEquals(Arrays.asList(9_000_000_000L, 2.5d, id, true, LocalDateTime.of(2000, 1, 2, 0, 0, 0, 1000),
                "héllo", null, LocalDate.of(1999, 12, 31)), connections.pipeline.parameters.get(0));
    }

    @Test
    void binaryFormatOfAnUnsupportedTypeIs0A000() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, 
                ClientMessages.parse("", "echo $1", 600),
                ClientMessages.bind("", "", new short[] {1}, new byte[][] {new byte[16]}, new short[0]),
                ClientMessages.execute(),
                ClientMessages.sync());
        assertEquals("1EZ", types(messages));
        assertEquals("0A000", messages.get(1).fields().get('C'));
    }

    @Test
    void malformedValuesAre22P02And22P03() {
        channel = connections.openAuthenticated();
        List<Message> text = exchange(channel, ClientMessages.parse("", "echo $1", PgOids.INT4),
                ClientMessages.bindText("", "", "forty"), ClientMessages.sync());
        assertEquals("1EZ", types(text));
        assertEquals("22P02", text.get(1).fields().get('C'));
        assertEquals("invalid input syntax for type integer: \"forty\"", text.get(1).fields().get('M'));

        List<Message> binary = exchange(channel, ClientMessages.parse("", "echo $1", PgOids.INT4),
                ClientMessages.bind("", "", new short[] {1}, new byte[][] {{1, 2}}, new short[0]), ClientMessages.sync());
        assertEquals("22P03", binary.get(1).fields().get('C'));
    }

    @Test
    void fewerValuesThanDeclaredTypesIs08P01() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.parse("", "echo $1 $2", PgOids.INT4, PgOids.INT4),
                ClientMessages.bindText("", "", "1"), ClientMessages.sync());
        assertEquals("1EZ", types(messages));
        assertEquals("08P01", messages.get(1).fields().get('C'));
    }

    @Test
    void unknownStatementIs26000() {
        channel = connections.openAuthenticated();
        List<Message> messages = exchange(channel, ClientMessages.bindText("", "nope"), ClientMessages.sync());
        assertEquals("EZ", types(messages));
        assertEquals("26000", messages.get(0).fields().get('C'));
    }

    @Test
    void namedPortalsAreBoundedAndUnique() {
        channel = connections.openAuthenticated();
        exchange(channel, ClientMessages.parse("s", "select"), ClientMessages.query("begin"));
        List<Message> duplicate = exchange(channel, ClientMessages.bindText("p", "s"), ClientMessages.bindText("p", "s"),
                ClientMessages.sync());
        assertEquals("2EZ", types(duplicate));
        assertEquals("42P03", duplicate.get(1).fields().get('C'));

        ByteBuf[] binds = new ByteBuf[ExtendedQueryState.MAX_PORTALS];
        for (int i = 0; i < binds.length; i++) {
            binds[i] = ClientMessages.bindText("q" + i, "s");
        }
        channel.writeInbound(ClientMessages.concat(binds));
        List<Message> many = exchange(channel, ClientMessages.flush());
        assertEquals("2".repeat(ExtendedQueryState.MAX_PORTALS - 1) + "E", types(many));
        assertEquals("53400", many.get(many.size() - 1).fields().get('C'));
    }
}
