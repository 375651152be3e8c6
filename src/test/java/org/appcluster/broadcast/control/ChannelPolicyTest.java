package org.appcluster.broadcast.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.appcluster.broadcast.entity.Caller;
import org.appcluster.broadcast.entity.ChannelName;
import org.appcluster.broadcast.entity.ForbiddenChannelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelPolicyTest {

    private final ChannelPolicy policy = configured("view:system:*, view:dashboard:activity:update", "view:announce:*");

    private static ChannelPolicy configured(String serverOwned, String adminOwned) {
        ChannelPolicy policy = new ChannelPolicy();
        policy.serverOwned = Optional.of(serverOwned);
        policy.adminOwned = Optional.of(adminOwned);
        policy.configure();
        return policy;
    }

    private void assertRefused(String channel, Caller caller) {
        assertThrows(ForbiddenChannelException.class, () -> policy.checkPublish(ChannelName.parse(channel), caller));
    }

    private void assertAllowed(String channel, Caller caller) {
        assertDoesNotThrow(() -> policy.checkPublish(ChannelName.parse(channel), caller));
    }

    @Test
    void browsersPublishOnViewChannelsNobodyOwns() {
        assertAllowed("view:myApp:item:added", Caller.BROWSER);
        assertAllowed("view:dashboard:activity:other", Caller.BROWSER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"view:system:notification:global", "view:dashboard:activity:update", "view:announce:news:posted",
            "controller:myApp:cache:refresh", "model:user:profile:changed"})
    void browsersCannotSpeakForTheServer(String channel) {
        assertRefused(channel, Caller.BROWSER);
    }

    @Test
    void administratorsPublishOnAdminOwnedChannelsAndOtherLayersButNotWhereOnlyServerCodeMay() {
        assertAllowed("view:announce:news:posted", Caller.ADMIN);
        assertAllowed("controller:myApp:cache:refresh", Caller.ADMIN);
        assertRefused("view:system:notification:global", Caller.ADMIN);
    }

    @Test
    void serverCodePublishesAnywhere() {
        assertAllowed("view:system:notification:global", Caller.SERVER);
        assertAllowed("model:user:profile:changed", Caller.SERVER);
    }

    @Test
    void applicationsDeclareTheirOwnChannels() {
        assertAllowed("view:billing:invoice:paid", Caller.BROWSER);
        policy.own("view:billing:*", Caller.SERVER);
        assertRefused("view:billing:invoice:paid", Caller.BROWSER);
        assertThrows(IllegalArgumentException.class, () -> policy.own("controller:billing:*", Caller.SERVER));
        assertThrows(IllegalArgumentException.class, () -> policy.own("view:billing:*", Caller.BROWSER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "controller:myApp:cache:refresh", "model:*", "controller:health:*"})
    void browsersSubscribeToTheViewLayerOnly(String pattern) {
        assertThrows(ForbiddenChannelException.class, () -> policy.browserSubscription(pattern));
    }

    @Test
    void browsersSubscribeToOwnedChannelsAndViewWildcards() {
        assertEquals("view:system:*", policy.browserSubscription("view:system:*").value());
        assertEquals("view:*", policy.browserSubscription("view:*").value());
    }
}
