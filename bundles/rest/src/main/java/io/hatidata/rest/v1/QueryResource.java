package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import java.security.SecureRandom;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code POST /v1/query} (SPEC §2.9.2): {@code {sql, params?, database?}} runs through the same pipeline
 * as the Postgres wire, as the caller's identity in the caller's environment, in a session of its own
 * that ends with the request. Answers {@code {columns:[{name,type}], rows:[{column: value}],
 * row_count, command_tag, query_id, execution_time_ms}}; at most {@value #MAX_ROWS} rows (more is
 * {@code 54000}). A refused statement answers the envelope plus the SDK's {@code message} and
 * {@code sqlState}.
 */
@Path("query")
@Produces(MediaType.APPLICATION_JSON)
public final class QueryResource {
    static final int MAX_ROWS = 10_000;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Services services;
    private final SecureRandom random = new SecureRandom();

    QueryResource(Services services) {
        this.services = services;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response query(Map<String, Object> json, @Context ContainerRequestContext request) {
        Caller caller = SqlErrors.queryCaller(request);
        Body body = Body.of(json);
        String sql = body.requiredString("sql");
        List<Object> params = body.list("params");
        Pipeline pipeline = services.pipeline().get();
        if (pipeline == null) {
            return Errors.response(503, ErrorCode.INTERNAL_ERROR, "the query pipeline is not running", Map.of(),
                    RequestIds.of(request));
        }
        String queryId = newId("qry_");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("application_name", "hatidata-rest");
        parameters.put("request_id", RequestIds.of(request));
        parameters.put("client_address", AuthenticationFilter.remoteAddress(request));
        String agentId = request.getHeaderString("X-Agent-Id");
        if (agentId != null && !agentId.isBlank()) {
            // SPEC §1.6.2: the agent id of a REST statement (registration, capabilities)
            parameters.put("agent_id", agentId.trim());
        }
        Session session = new Session(newId("sess_"), caller.identity(), parameters);
        if (agentId != null && !agentId.isBlank()) {
            // also as the session setting, which policies, metering and audit read like a wire session's SET
            session.setting("hatidata_agent_id", agentId.trim());
        }
        JsonSink sink = new JsonSink();
        long started = System.nanoTime();
        try {
            pipeline.execute(QueryContext.of(session, queryId, sql, sink).withParameters(params));
        } catch (QueryException ex) {
            return SqlErrors.response(ex, Map.of("query_id", queryId), request);
        } finally {
            session.close();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("query_id", queryId);
        result.put("columns", sink.columns);
        result.put("rows", sink.rows);
        result.put("row_count", sink.rows.size());
        result.put("command_tag", sink.commandTag);
        result.put("execution_time_ms", (System.nanoTime() - started) / 1_000_000.0);
        return Response.ok(result).build();
    }

    private String newId(String prefix) {
        StringBuilder result = new StringBuilder(prefix);
        for (int i = 0; i < 16; i++) {
            result.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return result.toString();
    }

    /** Collects the result as JSON-ready maps. */
    private static final class JsonSink implements ResultSink {
        final List<Map<String, Object>> columns = new ArrayList<>();
        final List<Map<String, Object>> rows = new ArrayList<>();
        private List<Column> described = List.of();
        String commandTag = "";

        @Override
        public void columns(List<Column> columns) {
            described = List.copyOf(columns);
            this.columns.clear();
            for (Column each : columns) {
                this.columns.add(Map.of("name", each.name(), "type", each.type().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }

        @Override
        public void row(Object[] values) throws QueryException {
            if (rows.size() >= MAX_ROWS) {
                throw new QueryException("54000", "the result has more than " + MAX_ROWS
                        + " rows: use LIMIT, or the Postgres wire for large results");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                String name = i < described.size() ? described.get(i).name() : "column" + (i + 1);
                row.put(name, json(values[i]));
            }
            rows.add(row);
        }

        @Override
        public void complete(String commandTag) {
            this.commandTag = commandTag;
        }
    }

    /** A value as JSON: numbers, booleans and strings as they are, times in ISO-8601, bytes as base64. */
    static Object json(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(QueryResource::json).toList();
        }
        if (value instanceof Object[] array) {
            List<Object> result = new ArrayList<>();
            for (Object each : array) {
                result.add(json(each));
            }
            return result;
        }
        if (value.getClass().isArray()) {
            List<Object> result = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                result.add(json(java.lang.reflect.Array.get(value, i)));
            }
            return result;
        }
        return value.toString();
    }
}
