package io.hatidata.examples.statementguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StatementGuardStageTest {
    private final StatementGuardStage stage = new StatementGuardStage(config("drop, truncate"));

    @Test
    void refusesListedKeywordsWithInsufficientPrivilege() {
        QueryException denied = assertThrows(QueryException.class,
                () -> stage.process(query("  drop table t"), context -> {}));
        assertEquals("42501", denied.sqlState());
    }

    @Test
    void commentsAndParenthesesDoNotHideTheKeyword() {
        for (String sql : new String[] {"/**/DROP TABLE t", "-- hi\n drop table t", "/* a /* nested */ */ TRUNCATE t", "(DROP TABLE t)",
            "--\rDROP TABLE t", "\u00a0DROP TABLE t"}) {
            assertEquals("42501", assertThrows(QueryException.class, () -> stage.process(query(sql), context -> {})).sqlState(), sql);
        }
    }

    @Test
    void letsOtherStatementsProceed() throws Exception {
        AtomicBoolean proceeded = new AtomicBoolean();
        stage.process(query("SELECT * FROM dropped"), context -> proceeded.set(true));
        assertTrue(proceeded.get());
    }

    private static QueryContext query(String sql) {
        Session session = new Session("s", new Identity("o", "u", "n", "r", "e", "d", "k"), Map.of());
        return QueryContext.of(session, "q", sql, new ResultSink() {
            @Override
            public void columns(List<Column> columns) {}

            @Override
            public void row(Object[] values) {}

            @Override
            public void complete(String commandTag) {}
        });
    }

    private static StatementGuardConfig config(String keywords) {
        return new StatementGuardConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StatementGuardConfig.class;
            }

            @Override
            public String deniedKeywords() {
                return keywords;
            }
        };
    }
}
