package org.appcluster.todos.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a page sends to change the list. {@code user} is the visitor's display name, {@code uuid}
 * the page's client id (so its own broadcast can be skipped); neither identifies a person.
 */
public record TodoRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be 1 to 200 characters") String title,
        @Size(max = 40, message = "must be at most 40 characters") String user,
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be a client id of 1-64 letters, digits, '-' or '_'") String uuid) {

    /** Titles and names are stored trimmed; the limits apply to the trimmed text. */
    public TodoRequest {
        title = title == null ? null : title.strip();
        user = user == null ? null : user.strip();
    }

    public String userOrAnonymous() {
        return user == null || user.isEmpty() ? "Anonymous" : user;
    }
}
