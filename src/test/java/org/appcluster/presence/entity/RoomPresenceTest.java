package org.appcluster.presence.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A room's presence as every node and page lists it. */
class RoomPresenceTest {

    @Test
    void presenceListsUsersInNameOrderAndCountsSignedOutSocketsApart() {
        RoomPresence presence = RoomPresence.of(Map.of("zoe", 1, "", 3, "adam", 2));
        assertEquals(List.of("adam", "zoe"), List.copyOf(presence.users().keySet()));
        assertEquals(3, presence.anonymous());
        assertEquals(RoomPresence.EMPTY, RoomPresence.of(Map.of()));
    }
}
