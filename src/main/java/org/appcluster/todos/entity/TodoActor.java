package org.appcluster.todos.entity;

import jakarta.validation.constraints.Size;
import org.appcluster.infra.ClientId;

/** Who toggles or deletes a to-do: the optional body's display name and the page's client id. */
public record TodoActor(
        @Size(max = 40, message = "must be at most 40 characters") String user,
        @ClientId String uuid) {

    public static final TodoActor ANONYMOUS = new TodoActor(null, null);

    public TodoActor {
        user = user == null ? null : user.strip();
    }

    public String userOrAnonymous() {
        return user == null || user.isEmpty() ? "Anonymous" : user;
    }
}
