package io.hatidata.sql.rewrite;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;

/** A node printed as a fixed keyword, such as the {@code ALL} of {@code GROUP BY ALL}. */
public final class KeywordOperator extends SqlSpecialOperator {
    private final String keyword;

    private KeywordOperator(String keyword) {
        super(keyword, SqlKind.OTHER, 100);
        this.keyword = keyword;
    }

    /** A node that prints as {@code keyword}. */
    public static SqlNode node(String keyword) {
        return new KeywordOperator(keyword).createCall(Nodes.POS);
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        writer.keyword(keyword);
    }
}
