package org.appcluster.infra;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a JSON request body to a record parameter with JSON-B, under the body's size and depth
 * limits, so resources take {@code @Valid} records and Bean Validation checks them. A string field
 * takes a JSON string only. No body binds to null, unless the parameter is {@code @NotNull}: then
 * it is refused as a missing body.
 */
@Provider
// JSON first, so the container's own JSON-B reader never takes a JSON body past these limits; any
// type too, for the optional bodies sent without one (a resource's @Consumes still decides).
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonRecordReader implements MessageBodyReader<Record> {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Pattern PROPERTY = Pattern.compile("property '([^']{1,100})'");

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) {
        Optional<JsonObject> json = JsonBodies.readOptionalObject(body);
        if (json.isEmpty()) {
            if (Arrays.stream(annotations).anyMatch(NotNull.class::isInstance)) {
                throw new ApiException(400, "INVALID_JSON", "Request body is required");
            }
            return null;
        }
        requireStrings(type, json.get());
        try {
            return JSONB.fromJson(json.get().toString(), type);
        } catch (JsonbException e) {
            Matcher property = PROPERTY.matcher(String.valueOf(e.getMessage()));
            throw new ApiException(400, "VALIDATION_ERROR", property.find()
                    ? property.group(1) + ": has the wrong type"
                    : "Request body is not JSON of the expected shape");
        }
    }

    /** JSON-B would bind {@code 5} or {@code true} to a string field: refuse what is not a string. */
    private static void requireStrings(Class<?> type, JsonObject json) {
        for (RecordComponent component : type.getRecordComponents()) {
            JsonValue value = json.get(component.getName());
            if (component.getType() == String.class && value != null
                    && value.getValueType() != JsonValue.ValueType.STRING && value != JsonValue.NULL) {
                throw new ApiException(400, "VALIDATION_ERROR", component.getName() + ": must be a string");
            }
        }
    }
}
