package io.hatidata.billing;

/**
 * The credit formula of SPEC §2.11.3, in thousandths of a credit so sums stay exact:
 *
 * <pre>
 * credits = 1.0                                   base, every metered statement
 *         + 0.5 × (distinct tables − 1)           each referenced table beyond the first
 *         + 2.0   if a full scan                  no WHERE / LIMIT / TOP / FETCH / SAMPLE narrowing it
 *         + 1.0   if SELECT * and a full scan     the star surcharge (see below)
 *         + 1.0 × ceil((rows − 10,000) / 10,000)  when rows > 10,000
 * </pre>
 *
 * <p>The {@code SELECT *} contradiction of the SPEC (a weight of +1.0, yet {@code SELECT * FROM users
 * WHERE user_id = 'abc123'} is called 1.0 credit) is resolved by charging the star only when it reads
 * whole tables: a star over a narrowed read is a handful of rows and costs what the same query naming its
 * columns costs, which keeps the worked example true; a star over a full scan moves every column of every
 * row and pays the weight. {@code rows} is the result rows for queries and the changed rows for
 * {@code INSERT}/{@code UPDATE}/{@code DELETE}/{@code MERGE}.
 */
final class CreditFormula {
    static final long BASE = 1_000;
    static final long EXTRA_TABLE = 500;
    static final long FULL_SCAN = 2_000;
    static final long SELECT_STAR = 1_000;
    static final long PER_ROW_BLOCK = 1_000;
    static final long ROW_BLOCK = 10_000;

    private CreditFormula() {}

    /** The credits of a statement of this shape that produced {@code rows} rows, in thousandths. */
    static long milliCredits(StatementShape shape, long rows) {
        if (!shape.metered()) {
            return 0;
        }
        long result = BASE;
        result += EXTRA_TABLE * Math.max(0, shape.tables().size() - 1);
        if (shape.fullScan()) {
            result += FULL_SCAN;
            if (shape.selectStar()) {
                result += SELECT_STAR;
            }
        }
        if (rows > ROW_BLOCK) {
            result += PER_ROW_BLOCK * ((rows - ROW_BLOCK + ROW_BLOCK - 1) / ROW_BLOCK);
        }
        return result;
    }

    /** Thousandths of a credit as credits. */
    static double credits(long milli) {
        return milli / 1000.0;
    }
}
