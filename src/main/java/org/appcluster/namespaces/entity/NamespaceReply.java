package org.appcluster.namespaces.entity;

import jakarta.json.JsonObject;

/**
 * A client's answer to a server's request, or why there is none: {@code REQUEST_TIMEOUT},
 * {@code CONNECTION_LOST}, {@code NOT_CONNECTED}, or the code of the client's own error reply.
 */
public record NamespaceReply(boolean success, JsonObject data, String error, String code) {

    public static NamespaceReply of(JsonObject data) {
        return new NamespaceReply(true, data, null, null);
    }

    public static NamespaceReply failed(String code, String error) {
        return new NamespaceReply(false, JsonObject.EMPTY_JSON_OBJECT, error, code);
    }
}
