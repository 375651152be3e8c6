package org.appcluster.broadcast.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.junit.jupiter.api.Test;

class CallbackRegistryTest {

    private static final String SELF = "node-a";
    private final CallbackRegistry registry = new CallbackRegistry();
    private final List<String> calls = new ArrayList<>();

    private static Envelope message(String channel, String instanceId) {
        return new Envelope("id", channel, JsonObject.EMPTY_JSON_OBJECT, instanceId, "t", JsonObject.EMPTY_JSON_OBJECT, null, null);
    }

    private void register(String name, String pattern) {
        ChannelPattern parsed = ChannelPattern.parse(pattern);
        registry.register(parsed, (channel, data, source) -> calls.add(name + "<-" + channel + "@" + source), parsed.omitsSelfByDefault());
    }

    @Test
    void wildcardCallbacksFireAndSeveralMayMatchOneMessage() {
        register("exact", "view:myApp:task:created");
        register("task", "view:myApp:task:*");
        register("app", "view:myApp:*");
        register("other", "view:otherApp:*");

        registry.dispatch(message("view:myApp:task:created", "node-b"), SELF);

        assertEquals(List.of("exact<-view:myApp:task:created@node-b", "task<-view:myApp:task:created@node-b",
                "app<-view:myApp:task:created@node-b"), calls);
    }

    @Test
    void ownMessagesAreSkippedByDefaultOnControllerAndModelButNotOnView() {
        register("controller", "controller:myApp:cache:*");
        register("model", "model:*");
        register("view", "view:*");

        registry.dispatch(message("controller:myApp:cache:refresh", SELF), SELF);
        registry.dispatch(message("model:myApp:user:created", SELF), SELF);
        registry.dispatch(message("view:myApp:task:created", SELF), SELF);
        registry.dispatch(message("controller:myApp:cache:refresh", "node-b"), SELF);

        assertEquals(List.of("view<-view:myApp:task:created@node-a", "controller<-controller:myApp:cache:refresh@node-b"), calls);
    }

    @Test
    void explicitOmitSelfOverridesTheDefault() {
        registry.register(ChannelPattern.parse("view:health:*"), (c, d, s) -> calls.add("omitting"), true);
        registry.register(ChannelPattern.parse("controller:health:*"), (c, d, s) -> calls.add("including"), false);

        registry.dispatch(message("view:health:metrics:x", SELF), SELF);
        registry.dispatch(message("controller:health:metrics:x", SELF), SELF);

        assertEquals(List.of("including"), calls);
    }

    @Test
    void aFailingCallbackDoesNotStopTheOthersAndClosingRemovesOne() throws Exception {
        registry.register(ChannelPattern.parse("view:*"), (c, d, s) -> {
            throw new IllegalStateException("boom");
        }, false);
        AutoCloseable second = registry.register(ChannelPattern.parse("view:*"), (c, d, s) -> calls.add("second"), false);

        registry.dispatch(message("view:a:b:c", "node-b"), SELF);
        second.close();
        registry.dispatch(message("view:a:b:c", "node-b"), SELF);

        assertEquals(List.of("second"), calls);
    }
}
