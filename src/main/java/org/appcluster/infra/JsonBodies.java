package org.appcluster.infra;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads a request body as a JSON object (or array) under a size limit, so an oversized body is refused with
 * 413 before it is parsed, whether or not the client sent a Content-Length.
 */
public final class JsonBodies {

    public static final int MAX_BODY_BYTES = 65_536;
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonBodies() {
    }

    public static JsonObject readObject(InputStream body) {
        return readOptionalObject(body)
                .orElseThrow(() -> new ApiException(400, "INVALID_JSON", "Request body is required"));
    }

    /** For requests whose body may be left out: empty when there is none. */
    public static Optional<JsonObject> readOptionalObject(InputStream body) {
        byte[] bytes = readBytes(body, MAX_BODY_BYTES);
        return bytes.length == 0 ? Optional.empty() : Optional.of(parse(bytes, JsonValue.ValueType.OBJECT).asJsonObject());
    }

    /** A body that must be a JSON array of at most {@code maxBytes}. */
    public static JsonArray readArray(InputStream body, int maxBytes) {
        byte[] bytes = readBytes(body, maxBytes);
        if (bytes.length == 0) {
            throw new ApiException(400, "INVALID_JSON", "Request body is required");
        }
        return parse(bytes, JsonValue.ValueType.ARRAY).asJsonArray();
    }

    private static byte[] readBytes(InputStream body, int maxBytes) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", "Request body exceeds " + maxBytes + " bytes");
        }
        return bytes;
    }

    private static JsonValue parse(byte[] bytes, JsonValue.ValueType expected) {
        if (JsonNesting.tooDeep(bytes)) {
            throw new ApiException(400, "INVALID_JSON", "Request body nests deeper than " + JsonNesting.MAX_DEPTH + " levels");
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != expected) {
                throw new ApiException(400, "INVALID_JSON", "Request body must be a JSON " + expected.name().toLowerCase(java.util.Locale.ROOT));
            }
            return value;
        } catch (JsonException e) {
            throw new ApiException(400, "INVALID_JSON", "Request body is not valid JSON");
        }
    }
}
