package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bind: makes a portal of a prepared statement, its parameter values decoded by their declared types
 * ({@link TextParameterDecoder}, {@link BinaryParameterDecoder}), and answers BindComplete ('2'). Runs on
 * the event loop: decoding is bounded by the message size.
 *
 * <pre>
 *   Bind(portal, statement, formats, values, result formats) → BindComplete
 *   unknown statement               → 26000
 *   fewer values than declared types, format count mismatch → 08P01
 *   undecodable value               → 22P02 (text) / 22P03 (binary); unsupported binary type → 0A000
 *   a named portal that exists      → 42P03 (the unnamed one is replaced); more than 1000 → 53400
 * </pre>
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">
 *     PostgreSQL: Extended Query</a>
 */
final class BindHandler {

    private BindHandler() {}

    static void handle(PgConnection connection, FrontendMessage.Bind bind) {
        if (connection.ignoringTillSync()) {
            return;
        }
        try {
            PgPreparedStatement statement = connection.extendedQuery().statement(bind.statementName());
            List<Object> parameters = decode(statement, bind);
            connection.extendedQuery().addPortal(
                    new Portal(bind.portalName(), statement, parameters, new ResultFormats(bind.resultFormats())));
            connection.send(BackendMessages.bindComplete(connection.alloc()));
        } catch (QueryException ex) {
            ExtendedQueryErrors.send(connection, ex);
        }
    }

    static List<Object> decode(PgPreparedStatement statement, FrontendMessage.Bind bind) throws QueryException {
        List<byte[]> values = bind.values();
        List<Short> formats = bind.parameterFormats();
        if (formats.size() > 1 && formats.size() != values.size()) {
            throw new QueryException(SqlState.PROTOCOL_VIOLATION, "bind message has " + formats.size()
                    + " parameter formats but " + values.size() + " parameters");
        }
        if (values.size() < statement.parameterTypes().size()) {
            throw new QueryException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + values.size()
                    + " parameters, but prepared statement \"" + statement.name() + "\" requires "
                    + statement.parameterTypes().size());
        }
        List<Object> result = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i);
            int oid = statement.declaredType(i);
            boolean binary = !formats.isEmpty() && formats.get(formats.size() == 1 ? 0 : i) == 1;
            if (value == null) {
                result.add(null);
            } else if (binary) {
                result.add(BinaryParameterDecoder.decode(oid, value, i));
            } else {
                result.add(TextParameterDecoder.decode(oid, new String(value, StandardCharsets.UTF_8)));
            }
        }
        return result;
    }
}
