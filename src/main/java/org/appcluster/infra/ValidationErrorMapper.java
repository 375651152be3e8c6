package org.appcluster.infra;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bean Validation with our error body. Checked explicitly rather than with {@code @Valid}, whose
 * failures each JAX-RS implementation maps with its own, non-JSON, response.
 */
public final class Validation {

    private Validation() {
    }

    public static <T> T require(Validator validator, T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ApiException(400, "VALIDATION_ERROR", violations.stream()
                    .map(Validation::describe).sorted().collect(Collectors.joining("; ")));
        }
        return value;
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1) + ": " + violation.getMessage();
    }
}
