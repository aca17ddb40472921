package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@code SET}, {@code RESET} and {@code SHOW} of the client-session parameters in
 * {@link SessionParameters} on the connection itself, like PostgreSQL: {@code CommandComplete "SET"},
 * plus a ParameterStatus when the parameter is one PostgreSQL reports; {@code SHOW} returns one row.
 * Statements about other parameters are not handled here and run through the pipeline.
 */
final class SessionParameterHandler {

    private SessionParameterHandler() {}

    /**
     * Handles the statement if it is about a session parameter; returns whether it did. The SHOW row and the
     * command tag go to {@code sink} (a simple Query's or an Execute's), a ParameterStatus straight to the
     * connection before them.
     */
    static boolean handle(PgConnection connection, String statement, ResultSink sink) throws QueryException {
        Optional<SetCommand> parsed = SetCommand.parse(statement);
        if (parsed.isEmpty() || !SessionParameters.handles(parsed.get().name())) {
            return false;
        }
        SetCommand command = parsed.get();
        SessionParameters parameters = connection.sessionParameters();
        ByteBufAllocator alloc = connection.alloc();
        String name = SessionParameters.displayName(command.name());
        switch (command.kind()) {
            case SHOW -> {
                sink.columns(List.of(new Column(command.name(), ColumnType.TEXT)));
                sink.row(new Object[] {parameters.get(command.name())});
                sink.complete("SHOW");
            }
            case SET, RESET -> {
                String value = parameters.set(command.name(), command.kind() == SetCommand.Kind.RESET ? "" : command.value());
                // the pipeline's stages (policy, billing, audit) read the session's settings
                connection.session().setting(command.name(), parameters.snapshot().getOrDefault(command.name(), ""));
                if (SessionParameters.REPORTED.contains(command.name())) {
                    connection.send(BackendMessages.parameterStatus(alloc, name, value));
                }
                sink.complete(command.kind() == SetCommand.Kind.SET ? "SET" : "RESET");
            }
        }
        return true;
    }
}
