package io.hatidata.examples.custompolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StarSelectGuardTest {
    private static StarSelectGuard guard(String tables) {
        return new StarSelectGuard(new StarSelectGuardConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StarSelectGuardConfig.class;
            }

            @Override
            public String tables() {
                return tables;
            }

            @Override
            public String reason() {
                return "name the columns";
            }
        });
    }

    private static QueryContext query(String sql, String table) {
        Session session = new Session("s", new Identity("o", "u", "n", "analyst", "e", "dev", "k"), Map.of());
        QueryContext context = QueryContext.of(session, "q", sql, ResultSink.discarding());
        context.attributes().put(StatementAnalysis.ATTRIBUTE, new StatementAnalysis(sql, StatementKind.QUERY,
                List.of(TableReference.of(table)), List.of(), List.of(), sql, true));
        return context;
    }

    @Test
    void starOnAConfiguredTableIsDenied() {
        var decision = guard("orders").evaluate(query("SELECT * FROM orders", "orders"));
        assertFalse(decision.allowed());
        assertEquals(StarSelectGuard.NAME, decision.policy());
        assertFalse(guard("orders").evaluate(query("select o.* from orders o", "orders")).allowed());
    }

    @Test
    void namedColumnsOtherTablesAndStarsInsideLiteralsPass() {
        assertTrue(guard("orders").evaluate(query("SELECT id FROM orders", "orders")).allowed());
        assertTrue(guard("orders").evaluate(query("SELECT * FROM items", "items")).allowed());
        assertTrue(guard("").evaluate(query("SELECT count(*), 'SELECT *' FROM items", "items")).allowed());
        assertFalse(guard("").evaluate(query("SELECT * FROM items", "items")).allowed());
    }
}
