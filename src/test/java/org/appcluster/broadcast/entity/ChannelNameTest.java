package org.appcluster.broadcast.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "view:myApp:task:created",
            "controller:myApp:cache:refresh",
            "model:myApp:user:created",
            "view:a:b:c:d:e:f:g:h:i:j:k:l:m:n:o:p",
            "view:my-app_2:v1.2:done"})
    void acceptsWellFormedChannels(String channel) {
        assertEquals(channel, ChannelName.parse(channel).value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "tasks",
            "myApp:something",
            "view-tasks-created",
            "customLayer:myApp:event:x",
            "view:myApp:event",
            "View:myApp:task:created",
            "view:myApp::created",
            "view:myApp:task:",
            ":view:myApp:task",
            "view:my app:task:created",
            "view:myApp:task:créé",
            "view:a:b:c:d:e:f:g:h:i:j:k:l:m:n:o:p:q",
            "view:myApp:task:*"})
    void refusesMalformedChannels(String channel) {
        assertThrows(InvalidChannelException.class, () -> ChannelName.parse(channel));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model:a:b:c", "view:a:b:c", "controller:a:b:c"})
    void knowsItsLayer(String channel) {
        assertEquals(channel.substring(0, channel.indexOf(':')), ChannelName.parse(channel).layer().segment());
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongChannels() {
        String longSegment = "x".repeat(300);
        assertThrows(InvalidChannelException.class, () -> ChannelName.parse("view:a:b:" + longSegment));
    }
}
