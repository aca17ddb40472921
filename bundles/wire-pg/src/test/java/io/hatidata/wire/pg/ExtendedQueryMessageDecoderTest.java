package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtendedQueryMessageDecoderTest {

    /** The body of a frame written by {@link ClientMessages} (type and length skipped). */
    private static FrontendMessage decode(ByteBuf frame) {
        try {
            char type = (char) frame.readByte();
            frame.skipBytes(4);
            return ExtendedQueryMessageDecoder.decode(type, frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void decodesEveryMessage() {
        assertEquals(new FrontendMessage.Parse("s", "echo $1", List.of(23, 0)),
                decode(ClientMessages.parse("s", "echo $1", 23, 0)));
        FrontendMessage.Bind bind = (FrontendMessage.Bind) decode(ClientMessages.bind(
                "p", "s", new short[] {1}, new byte[][] {{7}, null}, new short[] {0, 1}));
        assertEquals("p", bind.portalName());
        assertEquals("s", bind.statementName());
        assertEquals(List.of((short) 1), bind.parameterFormats());
        assertArrayEquals(new byte[] {7}, bind.values().get(0));
        assertNull(bind.values().get(1));
        assertEquals(List.of((short) 0, (short) 1), bind.resultFormats());
        assertEquals(new FrontendMessage.Describe('P', "p"), decode(ClientMessages.describe('P', "p")));
        assertEquals(new FrontendMessage.Execute("p", 10), decode(ClientMessages.execute("p", 10)));
        assertEquals(new FrontendMessage.Close('S', "s"), decode(ClientMessages.close('S', "s")));
    }

    @Test
    void malformedBodiesAreProtocolViolations() {
        ByteBuf hugeCount = Unpooled.buffer().writeBytes(new byte[] {'s', 0, 'q', 0}).writeShort(60_000);
        PgProtocolException count = assertThrows(PgProtocolException.class,
                () -> decode(ClientMessages.typed('P', hugeCount)));
        assertEquals("08P01", count.sqlState());
        assertThrows(PgProtocolException.class, () -> decode(ClientMessages.describe('X', "p")));
        assertThrows(PgProtocolException.class, () -> decode(ClientMessages.typed('E', Unpooled.buffer().writeByte(0))));
        ByteBuf badFormat = Unpooled.buffer().writeBytes(new byte[] {0, 0}).writeShort(1).writeShort(2);
        assertThrows(PgProtocolException.class, () -> decode(ClientMessages.typed('B', badFormat)));
    }
}
