package org.appcluster.broadcast.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.cluster.SlotHash;
import java.util.Set;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.junit.jupiter.api.Test;

class ShardChannelsTest {

    private static final String PREFIX = "site:prod:bc:";
    private final ShardChannels shards = new ShardChannels(PREFIX);

    @Test
    void aChannelTravelsOnItsLayerAndComponentsShardWhichHashesToOneSlot() {
        assertEquals(PREFIX + "{view:todo}", shards.forChannel("view:todo:item:added"));
        assertEquals(PREFIX + "{view:todo}", shards.forChannel("view:todo:list:changed:more"));
        assertEquals(SlotHash.getSlot("{view:todo}"), SlotHash.getSlot(shards.forChannel("view:todo:item:added")));
    }

    @Test
    void patternsNamingAComponentNeedThatOneShardCountedPerSubscriber() {
        assertTrue(shards.acquire(ChannelPattern.parse("view:todo:item:added")));
        assertFalse(shards.acquire(ChannelPattern.parse("view:todo:*")), "same shard: nothing new to subscribe");
        assertTrue(shards.acquire(ChannelPattern.parse("controller:health:metrics:*")));
        assertEquals(Set.of(PREFIX + "{view:todo}", PREFIX + "{controller:health}"), shards.needed(Set.of()));

        assertFalse(shards.release(ChannelPattern.parse("view:todo:*")), "view:todo:item:added still needs it");
        assertTrue(shards.release(ChannelPattern.parse("view:todo:item:added")));
        assertEquals(Set.of(PREFIX + "{controller:health}"), shards.needed(Set.of()));
        assertFalse(shards.wantsDirectory());
    }

    @Test
    void layerWidePatternsTakeEveryKnownShardOfTheirScope() {
        Set<String> directory = Set.of(PREFIX + "{view:todo}", PREFIX + "{view:chat}", PREFIX + "{model:user}");
        assertTrue(shards.acquire(ChannelPattern.parse("view:*")));
        assertTrue(shards.wantsDirectory());
        assertEquals(Set.of(PREFIX + "{view:todo}", PREFIX + "{view:chat}"), shards.needed(directory));

        assertTrue(shards.acquire(ChannelPattern.parse("*")));
        assertEquals(directory, shards.needed(directory));
        assertTrue(shards.release(ChannelPattern.parse("*")));
        assertTrue(shards.release(ChannelPattern.parse("view:*")));
        assertEquals(Set.of(), shards.needed(directory));
    }
}
