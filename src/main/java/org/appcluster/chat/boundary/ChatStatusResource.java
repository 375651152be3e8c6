package org.appcluster.chat.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.appcluster.chat.control.ChatStore;
import org.appcluster.chat.entity.StatusChanged;
import org.appcluster.chat.entity.StatusRequest;
import org.appcluster.chat.entity.UserStatus;
import org.appcluster.security.boundary.SignedIn;
import org.appcluster.security.control.ClientTokens;

/**
 * Chat users' statuses: anyone may read them; a signed-in user sets their own, which is stored
 * and then announced on {@code view:chat:user:status} to every page on every node.
 */
@Path("chat/status")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class ChatStatusResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ChatStore store;

    @Inject
    Event<StatusChanged> changed;

    @Inject
    ClientTokens clientTokens;

    @Context
    SecurityContext security;

    @GET
    public JsonObject all() {
        JsonArrayBuilder statuses = JSON.createArrayBuilder();
        store.statuses().forEach(status -> statuses.add(toJson(status)));
        return JSON.createObjectBuilder().add("success", true).add("data", statuses).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject set(@Valid @NotNull StatusRequest request, @HeaderParam(ClientTokens.HEADER) String clientToken) {
        UserStatus status = store.setStatus(SignedIn.username(security, "set a chat status"), request.status());
        changed.fire(new StatusChanged(status, clientTokens.verified(request.uuid(), clientToken)));
        return JSON.createObjectBuilder().add("success", true).add("data", toJson(status)).add("message", "Status set").build();
    }

    private static JsonObject toJson(UserStatus status) {
        return JSON.createObjectBuilder().add("username", status.username()).add("status", status.status())
                .add("at", status.at().toString()).build();
    }
}
