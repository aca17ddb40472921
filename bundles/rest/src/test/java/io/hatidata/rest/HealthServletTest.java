package io.hatidata.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.StageInfo;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

class HealthServletTest {

    /** A response that records status, headers and body (a dynamic proxy: the interface is large). */
    private static final class RecordedResponse {
        final Map<String, Object> recorded = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (self, method, args) -> {
                        switch (method.getName()) {
                            case "getOutputStream" -> {
                                return out;
                            }
                            case "setStatus", "setContentType", "setHeader" -> recorded.put(method.getName(),
                                    args.length == 1 ? args[0] : args[0] + ": " + args[1]);
                            default -> { }
                        }
                        return null;
                    });
        }
    }

    private static Pipeline pipeline(List<StageInfo> stages) {
        return new Pipeline() {
            @Override
            public void execute(QueryContext context) {}

            @Override
            public List<StageInfo> stages() {
                return stages;
            }
        };
    }

    private static RecordedResponse get(HealthServlet servlet) throws Exception {
        RecordedResponse response = new RecordedResponse();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(HealthServletTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (self, method, args) -> null);
        servlet.doGet(request, response.proxy());
        return response;
    }

    @Test
    void okWhenThePipelineCanExecute() throws Exception {
        RecordedResponse response = get(new HealthServlet("1.2.3", pipeline(List.of(new StageInfo("execute", 1000, "b")))));
        assertEquals(200, response.recorded.get("setStatus"));
        assertEquals("application/json", response.recorded.get("setContentType"));
        assertEquals("{\"status\":\"ok\",\"version\":\"1.2.3\",\"stages\":1}", response.body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unavailableWithoutAnExecuteStageOrPipeline() throws Exception {
        assertEquals(503, get(new HealthServlet("1", pipeline(List.of(new StageInfo("guard", 450, "b"))))).recorded.get("setStatus"));
        assertEquals(503, get(new HealthServlet("1", null)).recorded.get("setStatus"));
    }
}
