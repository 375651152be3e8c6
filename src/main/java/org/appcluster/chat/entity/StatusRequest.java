package org.appcluster.chat.entity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.appcluster.infra.ClientId;

/** {@code PUT /api/1/chat/status}: the new status, and the page's client id for {@code omitSelf}. */
public record StatusRequest(
        @NotNull(message = "is required") @Pattern(regexp = "available|away", message = "must be available or away") String status,
        @ClientId String uuid) {
}
