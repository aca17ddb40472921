package io.hatidata.wire.pg;

import java.util.List;
import java.util.Optional;

/**
 * A statement a Parse prepared: its single SQL statement (empty for an empty query string) and the
 * parameter types the client declared. Nothing is prepared in the engine; Describe and Execute run the
 * SQL through the pipeline, so policy stages see every execution.
 *
 * @param name the statement name; empty for the unnamed statement
 * @param sql the statement without a trailing semicolon; empty when the query string held none
 * @param parameterTypes the declared type OIDs; 0 where unspecified
 */
record PgPreparedStatement(String name, String sql, List<Integer> parameterTypes) {
    PgPreparedStatement {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** Whether the query string held no statement (Execute answers EmptyQueryResponse). */
    boolean isEmpty() {
        return sql.isEmpty();
    }

    /** The declared type OID of parameter {@code index} (0-based); 0 when unspecified or not declared. */
    int declaredType(int index) {
        return index < parameterTypes.size() ? parameterTypes.get(index) : PgOids.UNSPECIFIED;
    }

    /** The SET/RESET/SHOW this statement is, when the connection answers it itself. */
    Optional<SetCommand> sessionParameterCommand() {
        return SetCommand.parse(sql).filter(command -> SessionParameters.handles(command.name()));
    }
}
