package io.hatidata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.governance.HealingRule;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealingStageTest {
    private final Session session = new Session(
            "sess_1", new Identity("org_1", "usr_1", "agent", "developer", "env_1", "development", ""), Map.of());
    private final List<String> executed = new ArrayList<>();

    /** The engine: fails statements containing "bad" with 42883, before or after sending a row. */
    private QueryChain engine(boolean failAfterARow) {
        int[] calls = {0};
        return context -> {
            calls[0]++;
            if (calls[0] > 2) {
                throw new AssertionError("a third attempt");
            }
            executed.add(context.sql());
            if (context.sql().contains("bad")) {
                if (failAfterARow) {
                    context.sink().columns(List.of());
                }
                throw new QueryException("42883", "function bad() does not exist");
            }
            context.sink().complete("SELECT 1");
        };
    }

    private static final HealingRule BAD_TO_GOOD = (context, failure) -> "42883".equals(failure.sqlState())
            ? Optional.of(context.sql().replace("bad", "good")) : Optional.empty();

    private QueryContext query(String sql) {
        return QueryContext.of(session, "qry_1", sql, new ResultSink() {
            @Override
            public void columns(List<Column> columns) {}

            @Override
            public void row(Object[] values) {}

            @Override
            public void complete(String commandTag) {}
        });
    }

    @Test
    void aKnownErrorIsRewrittenAndRetriedOnce() throws Exception {
        new HealingStage(List.of((context, failure) -> Optional.empty(), BAD_TO_GOOD))
                .process(query("SELECT bad()"), engine(false));
        assertEquals(List.of("SELECT bad()", "SELECT good()"), executed);
    }

    @Test
    void aFailedRetryReportsTheOriginalError() {
        HealingRule stillBad = (context, failure) -> Optional.of(context.sql() + " -- bad again");
        QueryException error = assertThrows(QueryException.class,
                () -> new HealingStage(List.of(stillBad)).process(query("SELECT bad()"), engine(false)));
        assertEquals("function bad() does not exist", error.getMessage());
        assertEquals(2, executed.size());
    }

    @Test
    void aStatementThatAlreadySentOutputIsNotRetried() {
        assertThrows(QueryException.class,
                () -> new HealingStage(List.of(BAD_TO_GOOD)).process(query("SELECT bad()"), engine(true)));
        assertEquals(List.of("SELECT bad()"), executed);
    }

    @Test
    void aCancelIsNeverHealed() {
        HealingRule anything = (context, failure) -> Optional.of("SELECT 1");
        QueryChain cancelled = context -> {
            executed.add(context.sql());
            throw new QueryException("57014", "canceling statement due to user request");
        };
        assertThrows(QueryException.class, () -> new HealingStage(List.of(anything)).process(query("x"), cancelled));
        assertEquals(List.of("x"), executed);
    }

    @Test
    void withoutRulesFailuresPassThrough() {
        assertThrows(QueryException.class, () -> new HealingStage().process(query("SELECT bad()"), engine(false)));
        assertEquals(List.of("SELECT bad()"), executed);
    }
}
