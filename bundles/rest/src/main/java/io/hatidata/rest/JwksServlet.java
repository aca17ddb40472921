package io.hatidata.rest;

import io.hatidata.api.controlplane.TokenService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify access tokens, so other services can
 * check HatiData's JWTs. Public, cacheable for an hour.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/.well-known/jwks.json")
@HttpWhiteboardServletName("hatidata-jwks")
public final class JwksServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient TokenService tokens;

    @Activate
    public JwksServlet(@Reference TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.getOutputStream().write(tokens.jsonWebKeySet().getBytes(StandardCharsets.UTF_8));
    }
}
