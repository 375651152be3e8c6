package org.appcluster.namespaces.boundary;

import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.appcluster.infra.JsonObjects;
import org.appcluster.namespaces.control.NamespaceFrames;
import org.appcluster.namespaces.entity.NamespaceClient;

/**
 * A message a client sent, with the means to answer it once: {@link #reply} or
 * {@link #replyError}. A request's answer carries its {@code requestId}.
 */
public final class NamespaceMessage {

    private final NamespaceClient client;
    private final JsonObject data;
    private final String requestId;
    private final Consumer<String> sender;
    private final AtomicBoolean replied = new AtomicBoolean();
    private volatile boolean deferred;

    /**
     * @param data what the client sent, without its {@code requestId}
     * @param requestId the request's id, or null for a plain message
     * @param sender writes a frame to the client's socket
     */
    public NamespaceMessage(NamespaceClient client, JsonObject data, String requestId, Consumer<String> sender) {
        this.client = client;
        this.data = data;
        this.requestId = requestId;
        this.sender = sender;
    }

    public NamespaceClient client() {
        return client;
    }

    public JsonObject data() {
        return data;
    }

    /** The message's {@code type} field, or empty when it has no string there. */
    public String type() {
        return data.getString("type", "");
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Answers with {@code data} (a {@link JsonObject} or an object JSON-B maps to one).
     *
     * @return false when this message was answered already
     */
    public boolean reply(Object data) {
        return answer(() -> NamespaceFrames.reply(JsonObjects.from(data), requestId));
    }

    /** Answers with an error the client's {@code request} resolves to, as {@code {success:false, error, code}}. */
    public boolean replyError(String code, String message) {
        return answer(() -> NamespaceFrames.error(code, message, requestId));
    }

    public boolean replied() {
        return replied.get();
    }

    /**
     * Says the answer comes later, from another thread (after a server request to another
     * client, say): a request is then not answered {@code NO_REPLY} when the handler returns.
     */
    public void deferReply() {
        deferred = true;
    }

    public boolean replyDeferred() {
        return deferred;
    }

    private boolean answer(Supplier<String> frame) {
        if (!replied.compareAndSet(false, true)) {
            return false;
        }
        sender.accept(frame.get());
        return true;
    }
}
