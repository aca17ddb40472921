package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.TransactionStatus;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each backend message against the layout in the PostgreSQL "Message Formats" page. */
class BackendMessagesTest {
    private final ByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;

    private static byte[] bytes(ByteBuf buffer) {
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    private static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    @Test
    void authentication() {
        assertArrayEquals(hex("52 00000008 00000000"), bytes(BackendMessages.authenticationOk(alloc)));
        assertArrayEquals(hex("52 00000008 00000003"), bytes(BackendMessages.authenticationCleartextPassword(alloc)));
        assertArrayEquals(new byte[] {'N'}, bytes(BackendMessages.encryptionRefused(alloc)));
    }

    @Test
    void parameterStatusIsTwoCStrings() {
        assertArrayEquals(hex("53 00000009 6100 627900"),
                bytes(BackendMessages.parameterStatus(alloc, "a", "by")));
    }

    @Test
    void backendKeyDataAndReadyForQuery() {
        assertArrayEquals(hex("4b 0000000c 00000007 fffffffe"),
                bytes(BackendMessages.backendKeyData(alloc, new BackendKey(7, -2))));
        assertArrayEquals(hex("5a 00000005 49"), bytes(BackendMessages.readyForQuery(alloc, TransactionStatus.IDLE)));
        assertArrayEquals(hex("5a 00000005 54"),
                bytes(BackendMessages.readyForQuery(alloc, TransactionStatus.IN_TRANSACTION)));
        assertArrayEquals(hex("5a 00000005 45"), bytes(BackendMessages.readyForQuery(alloc, TransactionStatus.FAILED)));
    }

    @Test
    void rowDescriptionDescribesEachField() {
        byte[] actual = bytes(BackendMessages.rowDescription(alloc, List.of(new Column("n", ColumnType.INT8))));
        // 'T', length 4+2+2+18 = 26, 1 field: "n\0", table 0, attnum 0, oid 20, typlen 8, typmod -1, text
        assertArrayEquals(hex("54 0000001a 0001 6e00 00000000 0000 00000014 0008 ffffffff 0000"), actual);
    }

    @Test
    void dataRowWritesLengthPrefixedTextAndMinusOneForNull() {
        byte[] actual = bytes(BackendMessages.dataRow(alloc, new Object[] {"é", null, 5}));
        assertArrayEquals(hex("44 00000015 0003 00000002 c3a9 ffffffff 00000001 35"), actual);
    }

    @Test
    void dataRowReleasesItsBufferWhenAValueCannotBeEncoded() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("broken");
            }
        };
        TrackingAllocator tracking = new TrackingAllocator();
        assertThrows(IllegalStateException.class, () -> BackendMessages.dataRow(tracking, new Object[] {1, broken}));
        assertEquals(0, tracking.last.refCnt());
    }

    @Test
    void commandCompleteAndEmptyQuery() {
        assertArrayEquals(hex("43 0000000d 53454c4543542033 00"), bytes(BackendMessages.commandComplete(alloc, "SELECT 3")));
        assertArrayEquals(hex("49 00000004"), bytes(BackendMessages.emptyQueryResponse(alloc)));
    }

    @Test
    void errorResponseHasSeverityCodeAndMessage() {
        byte[] actual = bytes(BackendMessages.errorResponse(alloc, Severity.ERROR, "42P01", "x"));
        // S ERROR, V ERROR, C 42P01, M x, terminator
        assertArrayEquals(hex("45 0000001d 53 4552524f5200 56 4552524f5200 43 3432503031 00 4d 7800 00"), actual);
    }

    /** Remembers the last buffer it handed out. */
    private static final class TrackingAllocator extends AbstractByteBufAllocator {
        ByteBuf last;

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            last = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
            return last;
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void errorResponseCarriesThePositionWhenKnown() {
        io.netty.buffer.ByteBuf message = BackendMessages.errorResponse(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT,
                Severity.ERROR, "42601", "syntax error", 8);
        String text = message.toString(java.nio.charset.StandardCharsets.UTF_8);
        message.release();
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("P8\0"), text);
    }
}
