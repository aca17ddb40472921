package io.hatidata.sql.governance;

import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.parse.LiteralVariants;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The translator's fixture statements and bypass attempts, with governed tables over the fixture tables. */
final class RewriterCorpus {
    static final GovernedTable T = new GovernedTable(TableReference.of("t"), "t_policy",
            List.of("id", "name", "amount", "price", "d", "ts", "flag", "v"),
            Map.of("name", "CASE WHEN \"name\" IS NULL THEN NULL ELSE '***' END"), "id > ? AND name <> ?",
            List.of(0L, "x"));
    static final GovernedTable ORDERS = GovernedTable.filtered(TableReference.of("orders"), "orders_policy",
            "status = ?", List.of("open"));
    static final GovernedTable CUSTOMERS = GovernedTable.masked(TableReference.of("main", "customers"), "pii",
            List.of("customer_id", "cname", "region"), Map.of("cname", "sha256(CAST(\"cname\" AS VARCHAR))"));
    static final List<GovernedTable> GOVERNED = List.of(T, ORDERS, CUSTOMERS);

    /** Statements that try to reach a governed table around the rewrite (refused or rewritten). */
    static final List<String> ATTEMPTS = List.of(
            "CREATE VIEW v AS SELECT name FROM t",
            "CREATE OR REPLACE TEMP VIEW v AS SELECT * FROM \"T\"",
            "SELECT * FROM query_table('t')",
            "SELECT * FROM QUERY('SELECT name FROM ' || 't')",
            "SELECT * FROM U&\"\\0074\"",
            "SELECT * FROM U&\"!0074\" UESCAPE '!'",
            "SELECT * FROM \"\u212Aunden\"",
            "SELECT * FROM main.\"t\" WHERE id = 1",
            "SELECT * FROM memory.main.t WHERE id = 2",
            "COPY t TO '/tmp/t.csv'",
            "EXPLAIN SELECT name FROM t",
            "TABLE t",
            "FROM t SELECT name",
            "DELETE FROM t WHERE name = 'a'",
            "UPDATE orders SET status = 'x' WHERE order_id = 1",
            "WITH t AS (SELECT * FROM t) SELECT * FROM t WHERE id = 3",
            "SELECT (SELECT max(name) FROM t) AS m FROM orders o WHERE o.order_id = 4",
            "SELECT * FROM t PIVOT (count(*) FOR name IN ('a', 'b'))",
            "SELECT * FROM (SELECT 1) x, LATERAL (SELECT name FROM t WHERE id = 5) y",
            "SELECT name FROM t /* comment */ WHERE id = 6 -- trailing",
            "select NAME from T where ID = 7;",
            "SELECT cname FROM \"CUSTOMERS\" WHERE customer_id = 8",
            "SELECT cname FROM other.customers WHERE customer_id = 9",
            "SELECT 1",
            "SELECT 'orders' AS word, 10",
            "SELECT * FROM events WHERE id = 11");

    private RewriterCorpus() {}

    /** Every statement of the translator's fixtures (refused ones included) and the attempts. */
    static List<String> statements() throws IOException {
        List<String> result = new ArrayList<>();
        for (String file : List.of("aggregate", "conditional", "constructs", "conversion", "datetime", "semistructured",
                "string", "refused")) {
            try (InputStream in = RewriterCorpus.class.getResourceAsStream("/fixtures/" + file + ".tsv")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        result.add(line.split("\t", 2)[0]);
                    }
                }
            }
        }
        result.addAll(ATTEMPTS);
        return result;
    }

    /** The statement with its free literals changed ({@link LiteralVariants}). */
    static String variant(String sql, int variant) {
        return LiteralVariants.variant(sql, variant);
    }
}
