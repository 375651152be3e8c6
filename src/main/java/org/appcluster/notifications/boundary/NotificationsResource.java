package org.appcluster.notifications.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.appcluster.infra.ApiResponses;
import org.appcluster.notifications.control.NotificationStore;
import org.appcluster.notifications.entity.Notification;
import org.appcluster.notifications.entity.NotificationRequest;
import org.appcluster.notifications.entity.NotificationSent;
import org.appcluster.security.control.ClientTokens;

/**
 * The seed's global notification (Pattern B): validate, store, then announce. A request that
 * fails validation or storage broadcasts nothing.
 */
@Path("admin/broadcast-notification")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class NotificationsResource {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    NotificationStore store;

    @Inject
    Event<NotificationSent> sent;

    @Inject
    ClientTokens clientTokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject send(@Valid @NotNull NotificationRequest request, @HeaderParam(ClientTokens.HEADER) String clientToken) {
        Notification notification = store.save(request);
        sent.fire(new NotificationSent(notification, clientTokens.verified(request.uuid(), clientToken)));
        return ApiResponses.success(JSONB.fromJson(JSONB.toJson(notification), JsonObject.class), "Notification sent");
    }
}
