package org.appcluster.bench;

import java.util.function.Consumer;

/** Our broadcast protocol: the server says "welcome", the client subscribes, "subscribed" confirms. */
final class JPulseProtocol implements ClientProtocol {

    @Override
    public Frame read(String text, String channel, Consumer<String> send) {
        if (text.contains("\"type\":\"broadcast\"")) {
            return Frame.BROADCAST;
        }
        if (text.contains("\"type\":\"recovery\"")) {
            return Frame.MISSED_SIGNAL;
        }
        if (text.contains("\"type\":\"welcome\"")) {
            if (channel == null) {
                return Frame.READY;
            }
            send.accept("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
            return Frame.OTHER;
        }
        if (text.contains("\"type\":\"subscribed\"")) {
            return Frame.READY;
        }
        if (text.contains("\"success\":false")) {
            throw new IllegalStateException("server refused: " + text);
        }
        return Frame.OTHER;
    }
}
