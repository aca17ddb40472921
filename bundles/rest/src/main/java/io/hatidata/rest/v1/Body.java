package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.ControlPlaneException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON object body read field by field, so that a wrong type is a 400 naming the field
 * ({@code details: {"field": …, "constraint": "type"}}). Unknown fields are ignored.
 */
final class Body {
    private static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Map<String, Object> values;

    private Body(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    static Body of(Map<String, Object> values) {
        return new Body(values);
    }

    /** An optional JSON object body given as text (blank: an empty body). */
    static Body parse(String text) throws java.io.IOException {
        if (text == null || text.isBlank()) {
            return new Body(Map.of());
        }
        Object value = READER.readValue(text, Object.class);
        if (!(value instanceof Map<?, ?>)) {
            throw ControlPlaneException.invalid("body", "type", "the body must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) value;
        return new Body(members);
    }

    String string(String field) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw type(field, "a string");
        }
        return text;
    }

    String requiredString(String field) {
        String result = string(field);
        if (result == null || result.isBlank()) {
            throw ControlPlaneException.invalid(field, "required", field + " is required");
        }
        return result;
    }

    Integer integer(String field) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer number)) {
            throw type(field, "an integer");
        }
        return number;
    }

    /** A JSON number (integer or decimal), or {@code null} when absent. */
    Double number(String field) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw type(field, "a number");
        }
        return number.doubleValue();
    }

    Boolean bool(String field) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean flag)) {
            throw type(field, "true or false");
        }
        return flag;
    }

    List<String> strings(String field) {
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw type(field, "an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (Object each : list) {
            if (!(each instanceof String text)) {
                throw type(field, "an array of strings");
            }
            result.add(text);
        }
        return result;
    }

    /** A nested object ({@code settings}), or an empty body. */
    Body object(String field) {
        Object value = values.get(field);
        if (value == null) {
            return new Body(Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw type(field, "an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) map;
        return new Body(members);
    }

    List<Object> list(String field) {
        Object value = values.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw type(field, "an array");
        }
        return new ArrayList<>(list);
    }

    private static ControlPlaneException type(String field, String expected) {
        return ControlPlaneException.invalid(field, "type", field + " must be " + expected);
    }
}
