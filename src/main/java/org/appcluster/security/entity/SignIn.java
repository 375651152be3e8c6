package org.appcluster.security.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the sign-in page posts. The limits keep the password hashing bounded. */
public record SignIn(
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String username,
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String password) {
}
