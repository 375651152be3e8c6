package org.appcluster.cart.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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
import java.time.Instant;
import java.util.List;
import org.appcluster.cart.control.CartStore;
import org.appcluster.cart.entity.CartChanged;
import org.appcluster.cart.entity.CartRequest;
import org.appcluster.security.boundary.SignedIn;
import org.appcluster.security.control.ClientTokens;

/** The signed-in user's cart: read it, or replace it and have every other device of theirs follow. */
@Path("cart")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class CartResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    CartStore store;

    @Inject
    Event<CartChanged> changed;

    @Inject
    ClientTokens clientTokens;

    @Context
    SecurityContext security;

    @GET
    public JsonObject get() {
        return answer(store.items(username()), null);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject replace(@Valid @NotNull CartRequest request, @HeaderParam(ClientTokens.HEADER) String clientToken) {
        String username = username();
        List<String> items = List.copyOf(request.items());
        store.replace(username, items);
        changed.fire(new CartChanged(username, items, Instant.now(), clientTokens.verified(request.uuid(), clientToken)));
        return answer(items, "Cart saved");
    }

    private String username() {
        return SignedIn.username(security, "use a cart");
    }

    private static JsonObject answer(List<String> items, String message) {
        var body = JSON.createObjectBuilder().add("success", true)
                .add("data", JSON.createObjectBuilder().add("items", JSON.createArrayBuilder(items)));
        if (message != null) {
            body.add("message", message);
        }
        return body.build();
    }
}
