package org.appcluster.todos.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.appcluster.infra.ApiException;
import org.appcluster.infra.ClientAddress;
import org.appcluster.security.control.ClientTokens;
import org.appcluster.todos.control.TodoLimits;
import org.appcluster.todos.control.TodoStore;
import org.appcluster.todos.entity.Todo;
import org.appcluster.todos.entity.TodoActor;
import org.appcluster.todos.entity.TodoChanged;
import org.appcluster.todos.entity.TodoRequest;

/**
 * The collaborative to-do list. Each write is validated, stored, answered, and then announced by
 * a {@link TodoChanged} event; the sender's page updates from the answer, the others from the
 * broadcast.
 */
@Path("helloClusterTodo")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class TodosResource {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    TodoStore store;

    @Inject
    Event<TodoChanged> changed;

    @Inject
    ClientTokens clientTokens;

    @Inject
    TodoLimits limits;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest http;

    @GET
    public JsonObject list() {
        return JSON.createObjectBuilder().add("success", true).add("data", toJson(store.list())).build();
    }

    @GET
    @Path("stats")
    public JsonObject stats() {
        return JSON.createObjectBuilder().add("success", true).add("data", toJson(store.stats())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject create(@Valid @NotNull TodoRequest request, @HeaderParam(ClientTokens.HEADER) String clientToken) {
        limits.countWrite(clientAddress.of(http));
        limits.requireRoom();
        TodoActor actor = request.actor();
        Todo todo = store.create(request.title(), actor.userOrAnonymous());
        changed.fire(new TodoChanged("created", todo, actor.userOrAnonymous(), clientTokens.verified(actor.uuid(), clientToken)));
        return item(todo, "To-do created");
    }

    /** The body, naming who toggles, is optional. */
    @PUT
    @Path("{id}/toggle")
    public JsonObject toggle(@PathParam("id") String id, @Valid TodoActor body, @HeaderParam(ClientTokens.HEADER) String clientToken) {
        limits.countWrite(clientAddress.of(http));
        TodoActor actor = body == null ? TodoActor.ANONYMOUS : body;
        Todo todo = store.toggle(id).orElseThrow(() -> notFound(id));
        changed.fire(new TodoChanged("toggled", todo, actor.userOrAnonymous(), clientTokens.verified(actor.uuid(), clientToken)));
        return item(todo, todo.done() ? "To-do done" : "To-do reopened");
    }

    /** The body, naming who deletes, is optional. */
    @DELETE
    @Path("{id}")
    public JsonObject delete(@PathParam("id") String id, @Valid TodoActor body, @HeaderParam(ClientTokens.HEADER) String clientToken) {
        limits.countWrite(clientAddress.of(http));
        TodoActor actor = body == null ? TodoActor.ANONYMOUS : body;
        Todo todo = store.delete(id).orElseThrow(() -> notFound(id));
        changed.fire(new TodoChanged("deleted", todo, actor.userOrAnonymous(), clientTokens.verified(actor.uuid(), clientToken)));
        return item(todo, "To-do deleted");
    }

    private static JsonObject item(Todo todo, String message) {
        return JSON.createObjectBuilder().add("success", true).add("item", toJson(todo)).add("message", message).build();
    }

    private static JsonValue toJson(Object value) {
        return JSONB.fromJson(JSONB.toJson(value), JsonValue.class);
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "NOT_FOUND", "No to-do with id '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'");
    }
}
