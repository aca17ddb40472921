package io.hatidata.rest.v1;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.SqlTranspiler;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 * {@code POST /v1/transpile} (SPEC §2.9.4, issue 4): {@code {sql, dialect?}} → the DuckDB SQL the pipeline
 * would run for a Snowflake statement, without running it. Answers {@code {sql, source_dialect,
 * target_dialect, hybrid, embeddings_generated, embedding_dimensions, quota_remaining}}; the hybrid-SQL
 * fields of the SPEC's cloud endpoint are there for its SDKs ({@code hybrid} is false: vector functions
 * are not translated). A syntax error is {@code 42601} with line and column, an untranslatable construct
 * {@code 0A000} naming it, both as HTTP 400.
 */
@Path("transpile")
@Produces(MediaType.APPLICATION_JSON)
public final class TranspileResource {
    private final Services services;

    TranspileResource(Services services) {
        this.services = services;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transpile(Map<String, Object> json, @Context ContainerRequestContext request) {
        SqlErrors.queryCaller(request);
        Body body = Body.of(json);
        String sql = body.requiredString("sql");
        String dialect = body.string("dialect");
        if (dialect != null && !"snowflake".equals(dialect.toLowerCase(Locale.ROOT))) {
            return Errors.response(400, ErrorCode.VALIDATION_ERROR, "only the snowflake dialect is translated",
                    Map.of("field", "dialect", "constraint", "enum", "allowed", "snowflake"), RequestIds.of(request));
        }
        SqlTranspiler transpiler = services.transpiler().get();
        if (transpiler == null) {
            return Errors.response(503, ErrorCode.INTERNAL_ERROR, "the SQL translator is not running", Map.of(),
                    RequestIds.of(request));
        }
        try {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("sql", transpiler.transpile(sql));
            result.put("source_dialect", "snowflake");
            result.put("target_dialect", "duckdb");
            result.put("hybrid", false);
            result.put("embeddings_generated", 0);
            result.put("embedding_dimensions", 0);
            result.put("quota_remaining", null);
            return Response.ok(result).build();
        } catch (QueryException ex) {
            return SqlErrors.response(ex, Map.of(), request);
        }
    }
}
