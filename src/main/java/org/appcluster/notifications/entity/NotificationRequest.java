package org.appcluster.notifications.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.appcluster.infra.ClientId;

/**
 * An admin's request to notify everyone. {@code requestId}, when given, makes retries safe: a
 * second request with the same id is refused and broadcasts nothing.
 */
public record NotificationRequest(
        @NotBlank @Size(max = 1000) String message,
        @NotNull @Pattern(regexp = "info|success|warning|error", message = "must be info, success, warning or error") String level,
        @Size(min = 1, max = 100) String requestId,
        @ClientId String uuid) {

    /** The seed's rule: an error-level notification is critical and shown as a modal. */
    public boolean critical() {
        return "error".equals(level);
    }
}
