package org.appcluster.cart.entity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.appcluster.infra.ClientId;

/** {@code PUT /api/1/cart}: the whole cart, and the page's client id for {@code omitSelf}. */
public record CartRequest(
        @NotNull(message = "is required") @Size(max = 50, message = "holds at most 50 items")
        List<@NotNull(message = "must not be null") @Size(min = 1, max = 100, message = "must be 1 to 100 characters") String> items,
        @ClientId String uuid) {
}
