package org.appcluster.broadcast.entity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelPatternTest {

    @ParameterizedTest
    @CsvSource({
            "view:todo:*, view:todo:list:changed, true",
            "view:todo:*, view:todoList:x:y, false",
            "view:todo:*, view:todo, false",
            "view:todo:list:*, view:todo:list:changed, true",
            "view:todo:list:changed:*, view:todo:list:changed, false",
            "view:*, view:todo:list:changed, true",
            "view:*, controller:todo:list:changed, false",
            "*, model:a:b:c, true",
            "view:todo:list:changed, view:todo:list:changed, true",
            "view:todo:list:changed, view:todo:list:changedAgain, false"})
    void matchesSegmentBySegment(String pattern, String channel, boolean matches) {
        assertEquals(matches, ChannelPattern.parse(pattern).matches(channel));
    }

    @ParameterizedTest
    @ValueSource(strings = {"view:to*", "view:*:list:changed", "view::*", "*:*", "views:*", "view:todo:*:*", "view:todo*"})
    void refusesWildcardsThatAreNotATrailingSegment(String pattern) {
        assertThrows(InvalidChannelException.class, () -> ChannelPattern.parse(pattern));
    }

    @Test
    void bareStarMatchesEverything() {
        assertTrue(ChannelPattern.parse("*").wildcard());
        assertTrue(ChannelPattern.parse("*").matches("controller:a:b:c"));
    }

    @ParameterizedTest
    @CsvSource({"view:a:b:c, false", "view:*, false", "controller:a:*, true", "model:a:b:c, true", "*, false"})
    void omitSelfDefaultsFollowTheLayer(String pattern, boolean omitsSelf) {
        assertEquals(omitsSelf, ChannelPattern.parse(pattern).omitsSelfByDefault());
    }

    @Test
    void candidateKeysAreEveryPatternThatCanMatch() {
        assertArrayEquals(new String[] {"view:a:b:c", "*", "view:*", "view:a:*", "view:a:b:*"},
                ChannelPattern.candidateKeys("view:a:b:c"));
        for (String key : ChannelPattern.candidateKeys("view:a:b:c")) {
            assertTrue(ChannelPattern.parse(key).matches("view:a:b:c"), key);
        }
        assertFalse(ChannelPattern.parse("view:a:b:c:*").matches("view:a:b:c"));
    }
}
