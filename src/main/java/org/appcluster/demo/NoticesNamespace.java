package org.appcluster.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import org.appcluster.namespaces.boundary.NamespaceHandler;
import org.appcluster.namespaces.boundary.NamespaceMessage;
import org.appcluster.namespaces.boundary.Namespaces;
import org.appcluster.namespaces.boundary.WebSocketNamespace;

/**
 * The demo's admin-only namespace: an admin sends a notice to one user, and every socket that
 * user has open on {@link HelloNamespace}, on any node, gets it. Others are refused at the
 * handshake (401 signed out, 403 without the admin role).
 */
@ApplicationScoped
@WebSocketNamespace(value = NoticesNamespace.PATH, roles = "admin")
public class NoticesNamespace implements NamespaceHandler {

    public static final String PATH = "/api/1/ws/admin-notices";
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Namespaces namespaces;

    @Override
    public void onMessage(NamespaceMessage message) {
        if (!"notice".equals(message.type())) {
            return;
        }
        JsonValue username = message.data().get("username");
        JsonValue text = message.data().get("text");
        if (!(username instanceof JsonString user) || user.getString().isBlank()
                || !(text instanceof JsonString notice) || notice.getString().length() > HelloNamespace.MAX_TEXT) {
            message.replyError("INVALID_MESSAGE", "A notice needs a 'username' and a 'text' of at most " + HelloNamespace.MAX_TEXT + " characters");
            return;
        }
        namespaces.sendToUser(HelloNamespace.PATH, user.getString(), JSON.createObjectBuilder()
                .add("type", "notice").add("text", notice.getString()).add("from", message.client().username()).build());
        message.reply(JSON.createObjectBuilder().add("type", "sent").add("username", user.getString()).build());
    }
}
