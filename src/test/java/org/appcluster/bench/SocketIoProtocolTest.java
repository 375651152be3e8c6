package org.appcluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketIoProtocolTest {

    private final List<String> sent = new ArrayList<>();

    private ClientProtocol.Frame read(String frame, String channel) {
        return ClientProtocol.SOCKET_IO.read(frame, channel, sent::add);
    }

    @Test
    void connectsThenSubscribesAndIsReadyOnTheAck() {
        assertEquals(ClientProtocol.Frame.OTHER, read("0{\"sid\":\"a\",\"upgrades\":[],\"pingInterval\":25000}", "view:x:y:z"));
        assertEquals(ClientProtocol.Frame.OTHER, read("40{\"sid\":\"b\"}", "view:x:y:z"));
        assertEquals(ClientProtocol.Frame.READY, read("430[{\"success\":true,\"channel\":\"view:x:y:z\"}]", "view:x:y:z"));
        assertEquals(List.of("40", "420[\"subscribe\",\"view:x:y:z\"]"), sent);
    }

    @Test
    void isReadyOnConnectWithoutAChannel() {
        read("0{\"sid\":\"a\"}", null);
        assertEquals(ClientProtocol.Frame.READY, read("40{\"sid\":\"b\"}", null));
        assertEquals(List.of("40"), sent);
    }

    @Test
    void answersPingsAndTellsEventsApart() {
        assertEquals(ClientProtocol.Frame.OTHER, read("2", "c"));
        assertEquals(ClientProtocol.Frame.BROADCAST, read("42[\"broadcast\",{\"channel\":\"c\",\"data\":{\"t\":1}}]", "c"));
        assertEquals(List.of("3"), sent);
    }

    @Test
    void failsOnARefusedConnectOrSubscription() {
        assertThrows(IllegalStateException.class, () -> read("44{\"message\":\"no\"}", "c"));
        assertThrows(IllegalStateException.class, () -> read("430[{\"success\":false}]", "c"));
    }
}
