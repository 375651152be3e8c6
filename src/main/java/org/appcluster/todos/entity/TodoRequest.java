package org.appcluster.todos.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.appcluster.infra.ClientId;

/**
 * What a page sends to change the list. {@code user} is the visitor's display name, {@code uuid}
 * the page's client id (so its own broadcast can be skipped); neither identifies a person.
 */
public record TodoRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be 1 to 200 characters") String title,
        @Size(max = 40, message = "must be at most 40 characters") String user,
        @ClientId String uuid) {

    /** Titles and names are stored trimmed; the limits apply to the trimmed text. */
    public TodoRequest {
        title = title == null ? null : title.strip();
        user = user == null ? null : user.strip();
    }

    /** Who sends it, as a toggle or delete names them. */
    public TodoActor actor() {
        return new TodoActor(user, uuid);
    }
}
