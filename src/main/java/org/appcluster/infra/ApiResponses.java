package org.appcluster.infra;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The envelope of every API answer: {@code success} plus {@code data}, or an error with a code. */
public final class ApiResponses {

    private static final JsonProvider JSON = JsonProvider.provider();

    private ApiResponses() {
    }

    public static JsonObject success(JsonValue data, String message) {
        var body = JSON.createObjectBuilder().add("success", true).add("data", data);
        if (message != null) {
            body.add("message", message);
        }
        return body.build();
    }

    /** The error code for a status the framework or the container answered by itself. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMIT_EXCEEDED";
            case 431 -> "HEADERS_TOO_LARGE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + status;
        };
    }

    /** The 500 answer to a failure nobody expected: logged with an id that the caller gets too. */
    public static JsonObject unexpected(Logger log, Throwable thrown, String path) {
        String id = UUID.randomUUID().toString();
        log.log(Level.SEVERE, thrown, () -> "Unexpected error " + id + " on " + path);
        return error("Unexpected server error, id " + id, "INTERNAL_ERROR", path);
    }

    public static JsonObject error(String message, String code, String path) {
        return JSON.createObjectBuilder()
                .add("success", false)
                .add("error", message)
                .add("code", code)
                .add("path", path)
                .build();
    }
}
