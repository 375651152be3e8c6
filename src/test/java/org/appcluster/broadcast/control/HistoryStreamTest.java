package org.appcluster.broadcast.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.broadcast.entity.HistoryPosition;
import org.junit.jupiter.api.Test;

class HistoryStreamTest {

    private static final HistoryStream TODOS = HistoryStream.of(ChannelPattern.parse("view:todo:*"), "site:prod:");

    private static boolean covers(String subscription) {
        return TODOS.covers(ChannelPattern.parse(subscription));
    }

    @Test
    void keysShareTheShardChannelsHashTag() {
        assertEquals("site:prod:history:{view:todo}:view:todo:*", TODOS.key());
        assertEquals(TODOS.key() + ":meta", TODOS.metaKey());
        assertEquals("site:prod:history:{view:a}:view:a:b:c", HistoryStream.of(ChannelPattern.parse("view:a:b:c"), "site:prod:").key());
    }

    @Test
    void aHistoryMustNameAComponent() {
        assertThrows(IllegalStateException.class, () -> HistoryStream.of(ChannelPattern.parse("view:*"), "p:"));
    }

    @Test
    void coversOnlySubscriptionsWhoseEveryChannelItKeeps() {
        assertTrue(covers("view:todo:*"));
        assertTrue(covers("view:todo:item:*"));
        assertTrue(covers("view:todo:item:added"));
        assertFalse(covers("view:*"));
        assertFalse(covers("view:todoList:item:added"));
        // A wider subscription is not covered but still hears some of its channels.
        assertTrue(TODOS.overlaps(ChannelPattern.parse("view:*")));
        assertTrue(TODOS.overlaps(ChannelPattern.parse("*")));
        assertFalse(TODOS.overlaps(ChannelPattern.parse("view:chat:*")));
    }

    private static Envelope at(long offset) {
        return new Envelope("id", "view:todo:a:b", JsonObject.EMPTY_JSON_OBJECT, "n", "t", null, null, null, offset, "e1", null);
    }

    @Test
    void aReplayIsCompleteOnlyWhenItRunsFromJustAfterTheClientsPositionToNow() {
        HistoryPosition now = new HistoryPosition("e1", 7);
        assertTrue(ChannelHistory.Replay.complete(new HistoryPosition("e1", 5), now, List.of(at(6), at(7))));
        assertTrue(ChannelHistory.Replay.complete(new HistoryPosition("e1", 7), now, List.of()), "nothing missed");
        assertFalse(ChannelHistory.Replay.complete(new HistoryPosition("e1", 3), now, List.of(at(6), at(7))), "4 and 5 are gone");
        assertFalse(ChannelHistory.Replay.complete(new HistoryPosition("e0", 5), now, List.of(at(6), at(7))), "another epoch");
        assertFalse(ChannelHistory.Replay.complete(new HistoryPosition("e1", 9), now, List.of()), "ahead of the history");
    }
}
