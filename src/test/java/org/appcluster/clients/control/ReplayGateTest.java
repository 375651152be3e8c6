package org.appcluster.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.appcluster.clients.send.OutboundFrame;
import org.junit.jupiter.api.Test;

class ReplayGateTest {

    private static final ChannelPattern TODOS = ChannelPattern.parse("view:todo:*");
    private final List<String> sent = new ArrayList<>();
    private final ReplayGate gate = new ReplayGate();

    private static Envelope message(String channel, Long offset) {
        return new Envelope("id-" + offset, channel, JsonObject.EMPTY_JSON_OBJECT, "node-a", "t", null, null, null, offset,
                offset == null ? null : "e1", null);
    }

    private void record(OutboundFrame frame) {
        sent.add(frame.text());
    }

    private static List<OutboundFrame> frames(String... texts) {
        return java.util.Arrays.stream(texts).map(OutboundFrame::of).toList();
    }

    private void live(String channel, Long offset) {
        gate.deliver(message(channel, offset), OutboundFrame.of(channel + "#" + offset), this::record);
    }

    @Test
    void liveFramesWaitForTheReplayAndOnlyThoseAfterItFollow() {
        gate.hold(TODOS);
        live("view:todo:item:added", 5L);   // also in the replay
        live("view:todo:item:added", 7L);   // after it
        live("view:chat:room:said", 1L);    // another subscription: not held
        live("view:todo:item:added", null); // delivered locally while Redis was away: no position
        gate.release(TODOS, frames("replay#5", "replay#6", "answer"), new HistoryPosition("e1", 6), this::record);

        assertEquals(List.of("view:chat:room:said#1", "replay#5", "replay#6", "answer", "view:todo:item:added#7",
                "view:todo:item:added#null"), sent);
    }

    @Test
    void aMessageThisNodeHearsOnlyAfterTheReplayIsNotSentTwice() {
        gate.hold(TODOS);
        gate.release(TODOS, frames("replay#4"), new HistoryPosition("e1", 4), this::record);
        live("view:todo:item:added", 4L); // pub/sub lagged behind the history read
        live("view:todo:item:added", 5L);
        gate.deliver(new Envelope("x", "view:todo:item:added", JsonObject.EMPTY_JSON_OBJECT, "n", "t", null, null, null, 2L, "e2", null),
                OutboundFrame.of("new-epoch#2"), this::record);

        assertEquals(List.of("replay#4", "view:todo:item:added#5", "new-epoch#2"), sent);
    }

    @Test
    void afterUnsubscribingANewSubscriptionStartsAfresh() {
        gate.hold(TODOS);
        gate.release(TODOS, frames(), new HistoryPosition("e1", 9), this::record);
        gate.forget(TODOS);
        live("view:todo:item:added", 3L);

        assertEquals(List.of("view:todo:item:added#3"), sent);
    }

    @Test
    void knowsTheHistoryEpochASubscriptionStartedIn() {
        assertEquals(false, gate.subscribedIn(TODOS, "e2"), "not subscribed");
        gate.hold(TODOS);
        gate.release(TODOS, frames("subscribed"), new HistoryPosition("e2", 5), this::record);
        assertEquals(true, gate.subscribedIn(TODOS, "e2"), "told e2 when it subscribed: a restart into e2 took nothing from it");
        assertEquals(false, gate.subscribedIn(TODOS, "e3"));
        gate.forget(TODOS);
        assertEquals(false, gate.subscribedIn(TODOS, "e2"));
    }
}
