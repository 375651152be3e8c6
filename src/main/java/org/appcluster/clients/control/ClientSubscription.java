package org.appcluster.clients.control;

import org.appcluster.broadcast.entity.ChannelPattern;

/**
 * One socket's subscription to a pattern. Both omitSelf variants of one pattern can coexist, e.g.
 * two widgets on one page.
 */
record ClientSubscription(ChannelPattern pattern, boolean omitting, boolean including) {

    static ClientSubscription of(ChannelPattern pattern, boolean omitSelf) {
        return new ClientSubscription(pattern, omitSelf, !omitSelf);
    }

    ClientSubscription plus(ClientSubscription other) {
        return new ClientSubscription(pattern, omitting || other.omitting, including || other.including);
    }

    ClientSubscription minus(Boolean omitSelf) {
        boolean keepOmitting = omitting && Boolean.FALSE.equals(omitSelf);
        boolean keepIncluding = including && Boolean.TRUE.equals(omitSelf);
        return keepOmitting || keepIncluding ? new ClientSubscription(pattern, keepOmitting, keepIncluding) : null;
    }

    boolean accepts(boolean ownMessage) {
        return including || !ownMessage;
    }
}
