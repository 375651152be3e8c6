package org.appcluster.chat.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.appcluster.chat.control.ChatStore;
import org.appcluster.chat.entity.ChatMessage;
import org.appcluster.namespaces.boundary.NamespaceHandler;
import org.appcluster.namespaces.boundary.NamespaceMessage;
import org.appcluster.namespaces.boundary.Namespaces;
import org.appcluster.namespaces.boundary.WebSocketNamespace;

/**
 * The chat rooms, {@code /api/1/ws/chat/<room>}, for signed-in users, with presence. A message is
 * stored first and then sent to the room on every node; one that cannot be stored is refused
 * and sent to nobody. Typing indicators go to the room and are never stored.
 */
@ApplicationScoped
@WebSocketNamespace(value = ChatNamespace.PATH, signedIn = true, presence = true, maxMessagesPerSecond = 20)
public class ChatNamespace implements NamespaceHandler {

    public static final String PATH = "/api/1/ws/chat/{room}";
    static final int MAX_TEXT = 1000;
    private static final Logger LOG = Logger.getLogger(ChatNamespace.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ChatStore store;

    @Inject
    Namespaces namespaces;

    @Override
    public void onMessage(NamespaceMessage message) {
        switch (message.type()) {
            case "message" -> post(message);
            case "typing" -> namespaces.broadcastFrom(message.client(), JSON.createObjectBuilder()
                    .add("type", "typing").add("username", message.client().username())
                    .add("typing", message.data().get("typing") != JsonValue.FALSE).build());
            case "history" -> replyHistory(message);
            default -> message.replyError("UNKNOWN_TYPE", "A chat message is of type message, typing or history");
        }
    }

    private void post(NamespaceMessage message) {
        JsonValue value = message.data().get("text");
        String text = value != null && value.getValueType() == JsonValue.ValueType.STRING ? message.data().getString("text").strip() : "";
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            message.replyError("INVALID_MESSAGE", "Field 'text' must be a string of 1 to " + MAX_TEXT + " characters");
            return;
        }
        ChatMessage stored;
        try {
            stored = store.add(room(message), message.client().username(), text);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A chat message could not be stored", e);
            message.replyError("STORE_UNAVAILABLE", "The message could not be stored; it was not sent");
            return;
        }
        namespaces.broadcastFrom(message.client(), toJson(stored));
        if (message.requestId().isPresent()) {
            message.reply(JSON.createObjectBuilder().add("type", "stored").add("id", stored.id()).build());
        }
    }

    private static String room(NamespaceMessage message) {
        return message.client().pathParameters().get("room");
    }

    private void replyHistory(NamespaceMessage message) {
        String room = room(message);
        JsonArrayBuilder messages = JSON.createArrayBuilder();
        try {
            store.recent(room).forEach(stored -> messages.add(toJson(stored)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The chat history could not be read", e);
            message.replyError("STORE_UNAVAILABLE", "The room's messages cannot be read right now");
            return;
        }
        message.reply(JSON.createObjectBuilder().add("type", "history").add("room", room).add("messages", messages).build());
    }

    private static JsonObject toJson(ChatMessage message) {
        return JSON.createObjectBuilder().add("type", "message").add("id", message.id()).add("room", message.room())
                .add("username", message.username()).add("text", message.text()).add("at", message.at().toString()).build();
    }
}
