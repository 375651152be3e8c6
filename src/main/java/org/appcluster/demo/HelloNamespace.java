package org.appcluster.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.namespaces.boundary.NamespaceHandler;
import org.appcluster.namespaces.boundary.NamespaceMessage;
import org.appcluster.namespaces.boundary.Namespaces;
import org.appcluster.namespaces.boundary.WebSocketNamespace;

/**
 * The demo namespace of the code-examples page, open to anyone: messages to everyone on every
 * node, a whisper to one client wherever it is, requests the server answers, and a question the
 * server forwards to another client and answers with that client's reply.
 */
@ApplicationScoped
@WebSocketNamespace(HelloNamespace.PATH)
public class HelloNamespace implements NamespaceHandler {

    public static final String PATH = "/api/1/ws/hello";
    static final int MAX_TEXT = 500;
    static final Duration QUESTION_TIMEOUT = Duration.ofSeconds(10);
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Namespaces namespaces;

    @Inject
    Broadcaster broadcaster;

    @Override
    public void onMessage(NamespaceMessage message) {
        switch (message.type()) {
            case "message" -> text(message).ifPresent(text -> namespaces.broadcastFrom(message.client(),
                    JSON.createObjectBuilder().add("type", "message").add("text", text).add("from", message.client().clientId()).build()));
            case "whisper" -> text(message).ifPresent(text -> namespaces.sendToClient(PATH, message.data().getString("to", ""),
                    JSON.createObjectBuilder().add("type", "whisper").add("text", text).add("from", message.client().clientId()).build()));
            case "time" -> message.reply(JSON.createObjectBuilder().add("type", "time").add("time", Instant.now().toString())
                    .add("instanceId", broadcaster.instanceId()).build());
            case "ask" -> ask(message);
            case "divide" -> divide(message);
            default -> {
                // not part of this namespace: a request for it is answered NO_REPLY
            }
        }
    }

    /** Forwards a question to client {@code to} (on any node) and answers with what it replied. */
    private void ask(NamespaceMessage message) {
        text(message).ifPresent(text -> {
            message.deferReply();
            namespaces.request(PATH, message.data().getString("to", ""),
                    JSON.createObjectBuilder().add("type", "question").add("text", text).add("from", message.client().clientId()).build(),
                    QUESTION_TIMEOUT).thenAccept(answer -> {
                        if (answer.success()) {
                            message.reply(JSON.createObjectBuilder().add("type", "answer").add("answer", answer.data()).build());
                        } else {
                            message.replyError(answer.code(), answer.error());
                        }
                    });
        });
    }

    /** Whole numbers only; dividing by zero throws, which shows what a failing handler gives the client. */
    private static void divide(NamespaceMessage message) {
        JsonObject data = message.data();
        if (!(data.get("a") instanceof JsonNumber a && a.isIntegral()) || !(data.get("b") instanceof JsonNumber b && b.isIntegral())) {
            message.replyError("INVALID_MESSAGE", "Fields 'a' and 'b' must be whole numbers");
            return;
        }
        message.reply(JSON.createObjectBuilder().add("type", "quotient").add("result", a.longValueExact() / b.longValueExact()).build());
    }

    private static Optional<String> text(NamespaceMessage message) {
        if (message.data().get("text") instanceof JsonString text && !text.getString().isBlank() && text.getString().length() <= MAX_TEXT) {
            return Optional.of(text.getString());
        }
        message.replyError("INVALID_MESSAGE", "Field 'text' must be a string of 1 to " + MAX_TEXT + " characters");
        return Optional.empty();
    }
}
