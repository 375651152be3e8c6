package org.appcluster.namespaces.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Namespace paths: what may be declared, and which request paths open which room. */
class PathTemplateTest {

    @Test
    void aDeclaredPathStaysUnderTheNamespacePrefixWithAFixedFirstSegment() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/1/chat"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/1/ws/{room}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/1/ws/chat/"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/1/ws/chat/{1room}"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/api/1/ws/chat room"));
        assertEquals("/api/1/ws/chat/{room}", PathTemplate.parse("/api/1/ws/chat/{room}").value());
    }

    @Test
    void aRequestPathMatchesSegmentBySegmentAndNamesItsRooms() {
        PathTemplate chat = PathTemplate.parse("/api/1/ws/chat/{room}");
        assertEquals(Optional.of(Map.of("room", "lobby")), chat.match("/api/1/ws/chat/lobby"));
        assertEquals(Optional.empty(), chat.match("/api/1/ws/chat"));
        assertEquals(Optional.empty(), chat.match("/api/1/ws/chat/lobby/extra"));
        assertEquals(Optional.empty(), chat.match("/api/1/ws/chat/"), "an empty room is no room");
        assertEquals(Optional.empty(), chat.match("/api/1/ws/chat/lo%20bby"), "room names are plain segments");
        assertEquals(Optional.empty(), chat.match("/api/1/ws/other/lobby"));

        PathTemplate hello = PathTemplate.parse("/api/1/ws/hello");
        assertEquals(Optional.of(Map.of()), hello.match("/api/1/ws/hello"));
        assertEquals(Optional.empty(), hello.match("/api/1/ws/hello2"));
    }
}
