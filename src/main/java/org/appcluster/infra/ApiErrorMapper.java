package org.appcluster.infra;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * Every API error as {@code {"success":false,"error","code","path"}}: never an HTML page or a
 * stack trace. Unexpected failures are logged with an id that the caller also gets.
 */
@Provider
public class ApiErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrorMapper.class.getName());
    private static final int DATABASE_RETRY_SECONDS = 5;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable thrown) {
        if (thrown instanceof ApiException api) {
            Response error = error(api.status(), api.code(), api.getMessage());
            return api.retryAfterSeconds() > 0
                    ? Response.fromResponse(error).header("Retry-After", api.retryAfterSeconds()).build()
                    : error;
        }
        if (causedByBadJson(thrown)) {
            return error(400, "INVALID_JSON", "Request body is not valid JSON of the expected shape");
        }
        if (causedByUnreachableDatabase(thrown)) {
            LOG.warning(() -> "MongoDB does not answer (" + thrown.getMessage() + ") on " + path());
            return Response.fromResponse(error(503, "DATABASE_UNAVAILABLE", "The database does not answer; try again shortly"))
                    .header("Retry-After", DATABASE_RETRY_SECONDS).build();
        }
        if (thrown instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status < 500) {
                return error(status, ApiResponses.codeFor(status), web.getResponse().getStatusInfo().getReasonPhrase());
            }
        }
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiResponses.unexpected(LOG, thrown, path())).build();
    }

    private Response error(int status, String code, String message) {
        return error(status, code, message, uri);
    }

    /** The JSON error answer, for this mapper and the others that keep its body. */
    static Response error(int status, String code, String message, UriInfo uri) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiResponses.error(message, code, path(uri)))
                .build();
    }

    private String path() {
        return path(uri);
    }

    private static String path(UriInfo uri) {
        return uri == null ? "" : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** MongoDB away: no server to select, or the connection failed. Not for errors MongoDB answered. */
    private static boolean causedByUnreachableDatabase(Throwable thrown) {
        return causedBy(thrown, MongoTimeoutException.class, MongoSocketException.class);
    }

    private static boolean causedByBadJson(Throwable thrown) {
        return causedBy(thrown, JsonException.class, JsonbException.class);
    }

    private static boolean causedBy(Throwable thrown, Class<?>... causes) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (Class<?> cause : causes) {
                if (cause.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

}
