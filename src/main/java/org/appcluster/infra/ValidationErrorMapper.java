package org.appcluster.infra;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A request that {@code @Valid} refused, answered with our error body: 400 {@code VALIDATION_ERROR}
 * naming each field and its rule. Each JAX-RS implementation maps these failures with its own
 * response otherwise; a mapper for this exact type comes before theirs.
 */
@Provider
public class ValidationErrorMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ConstraintViolationException refused) {
        Set<ConstraintViolation<?>> violations = refused.getConstraintViolations();
        String message = violations == null || violations.isEmpty() ? "Request is not valid"
                : violations.stream().map(ValidationErrorMapper::describe).sorted().collect(Collectors.joining("; "));
        return ApiErrorMapper.error(400, "VALIDATION_ERROR", message, uri);
    }

    /** {@code title: is required}; a rule on the whole body is its message alone. */
    private static String describe(ConstraintViolation<?> violation) {
        Path.Node leaf = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .reduce((first, second) -> second).orElse(null);
        if (leaf == null || leaf.getKind() == ElementKind.PARAMETER || leaf.getName() == null) {
            return violation.getMessage();
        }
        return leaf.getName() + ": " + violation.getMessage();
    }
}
