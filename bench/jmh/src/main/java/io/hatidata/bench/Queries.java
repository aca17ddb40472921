package io.hatidata.bench;

import java.util.Map;

/**
 * The Snowflake-dialect statements the transpiler benchmarks run, by name (the JMH {@code @Param} values).
 * Each one contains Snowflake constructs the transpiler has to rewrite, so none of them takes the
 * pass-through shortcut (the benchmark setup checks this). {@value #ALIAS} marks where a benchmark may
 * give the first table an alias, which changes the statement's shape (not only its literals).
 */
final class Queries {
    static final String ALIAS = "{alias}";

    /** A small query with IFF, NVL and DATEDIFF: the shape of an agent's everyday statement. */
    static final String SMALL = "SELECT id, IFF(amount > 100, 'big', 'small') AS size, NVL(discount, 0) AS discount,"
            + " DATEDIFF(day, ordered_at, shipped_at) AS days_to_ship FROM orders{alias} WHERE status = 'shipped'";

    /** TPC-H Q1 (pricing summary report) with Snowflake's DATEADD and TO_DATE. */
    static final String TPCH_Q1 = "SELECT l_returnflag, l_linestatus,"
            + " SUM(l_quantity) AS sum_qty,"
            + " SUM(l_extendedprice) AS sum_base_price,"
            + " SUM(l_extendedprice * (1 - l_discount)) AS sum_disc_price,"
            + " SUM(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,"
            + " AVG(l_quantity) AS avg_qty,"
            + " AVG(l_extendedprice) AS avg_price,"
            + " AVG(l_discount) AS avg_disc,"
            + " COUNT(*) AS count_order"
            + " FROM lineitem{alias}"
            + " WHERE l_shipdate <= DATEADD(day, -90, TO_DATE('1998-12-01'))"
            + " GROUP BY l_returnflag, l_linestatus"
            + " ORDER BY l_returnflag, l_linestatus";

    /** TPC-H Q5 (local supplier volume): a six-table join with Snowflake's {@code ::} cast and DATEADD. */
    static final String TPCH_Q5 = "SELECT n_name, SUM(l_extendedprice * (1 - l_discount)) AS revenue"
            + " FROM customer{alias}, orders, lineitem, supplier, nation, region"
            + " WHERE c_custkey = o_custkey"
            + " AND l_orderkey = o_orderkey"
            + " AND l_suppkey = s_suppkey"
            + " AND c_nationkey = s_nationkey"
            + " AND s_nationkey = n_nationkey"
            + " AND n_regionkey = r_regionkey"
            + " AND r_name = 'ASIA'"
            + " AND o_orderdate >= '1994-01-01'::date"
            + " AND o_orderdate < DATEADD(year, 1, '1994-01-01'::date)"
            + " GROUP BY n_name"
            + " ORDER BY revenue DESC";

    private static final Map<String, String> BY_NAME = Map.of(
            "small", SMALL,
            "tpch_q1", TPCH_Q1,
            "tpch_q5", TPCH_Q5);

    private Queries() {
    }

    /** The statement as written. */
    static String named(String name) {
        return withAlias(name, null);
    }

    /** The statement with this alias for its first table ({@code null}: none). */
    static String withAlias(String name, String alias) {
        String result = BY_NAME.get(name);
        if (result == null) {
            throw new IllegalArgumentException("no query named " + name + "; known: " + BY_NAME.keySet());
        }
        return result.replace(ALIAS, alias == null ? "" : " AS " + alias);
    }
}
