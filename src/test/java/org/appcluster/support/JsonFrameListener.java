package org.appcluster.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/** A WebSocket listener that reassembles text frames and hands each one over as a JSON object. */
abstract class JsonFrameListener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    protected abstract void onJson(JsonObject message);

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonObject message = Json.createReader(new StringReader(partial.toString())).readObject();
            partial.setLength(0);
            onJson(message);
        }
        webSocket.request(1);
        return null;
    }
}
