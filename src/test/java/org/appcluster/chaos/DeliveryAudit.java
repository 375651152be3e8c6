package org.appcluster.chaos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.appcluster.chaos.ChaosPublisher.Outcome;
import org.appcluster.chaos.ResumingSubscriber.Dropped;
import org.appcluster.chaos.ResumingSubscriber.Event;
import org.appcluster.chaos.ResumingSubscriber.NotRecovered;
import org.appcluster.chaos.ResumingSubscriber.Received;
import org.appcluster.chaos.ResumingSubscriber.Resumed;

/**
 * Checks what every subscriber got against what was published: each message once and in order,
 * or else a {@code recovered:false} received after the missed message was sent (the page then
 * reloads a state that includes it). Messages whose publish got no answer may or may not arrive.
 */
final class DeliveryAudit {

    private long expected;
    private long delivered;
    private long duplicates;
    private long reorderings;
    private long excusedMisses;
    private long silentMisses;
    private long notRecoveredSignals;
    private long resumes;
    private long resumesRecovered;
    private long replayed;
    private final List<Long> resumeMillis = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    /** @param subscribers each subscriber's name and what happened to it, in order */
    static DeliveryAudit of(Map<String, List<Event>> subscribers, List<ChaosPublisher> publishers) {
        DeliveryAudit audit = new DeliveryAudit();
        subscribers.forEach((who, events) -> {
            audit.timing(events);
            for (ChaosPublisher publisher : publishers) {
                audit.check(who, events, publisher);
            }
        });
        return audit;
    }

    private void timing(List<Event> events) {
        Long droppedAt = null;
        for (Event event : events) {
            if (event instanceof Dropped) {
                droppedAt = event.at();
            } else if (event instanceof Resumed resumed && droppedAt != null) {
                resumes++;
                resumeMillis.add((resumed.at() - droppedAt) / 1_000_000);
                replayed += resumed.replayed();
                if (Boolean.TRUE.equals(resumed.recovered())) {
                    resumesRecovered++;
                }
                droppedAt = null;
            } else if (event instanceof NotRecovered) {
                notRecoveredSignals++;
            }
        }
    }

    private void check(String who, List<Event> events, ChaosPublisher publisher) {
        // The last number first: every message up to it then has its outcome in the copy.
        long last = publisher.last();
        Map<Long, Outcome> outcomes = publisher.outcomes();
        List<Long> signals = events.stream().filter(NotRecovered.class::isInstance).map(Event::at).toList();
        Set<Long> seen = new HashSet<>();
        long highest = 0;
        for (Event event : events) {
            if (!(event instanceof Received received) || !received.publisher().equals(publisher.name())) {
                continue;
            }
            if (!seen.add(received.n())) {
                duplicates++;
                violations.add(who + " got " + publisher.name() + "#" + received.n() + " twice");
            } else if (received.n() < highest) {
                reorderings++;
                violations.add(who + " got " + publisher.name() + "#" + received.n() + " after #" + highest);
            } else {
                missed(who, publisher, outcomes, highest + 1, received.n() - 1, signals);
                highest = received.n();
            }
        }
        missed(who, publisher, outcomes, highest + 1, last, signals);
        for (long n = 1; n <= last; n++) {
            if (outcomes.get(n) != Outcome.UNKNOWN) {
                expected++;
                if (seen.contains(n)) {
                    delivered++;
                }
            }
        }
    }

    private void missed(String who, ChaosPublisher publisher, Map<Long, Outcome> outcomes, long from, long to, List<Long> signals) {
        long silentFrom = -1;
        for (long n = from; n <= to + 1; n++) {
            boolean silent = false;
            if (n <= to && outcomes.get(n) != Outcome.UNKNOWN) {
                long sent = publisher.sentAt(n);
                if (signals.stream().anyMatch(at -> at >= sent)) {
                    excusedMisses++;
                } else {
                    silent = true;
                    silentMisses++;
                }
            }
            if (silent && silentFrom < 0) {
                silentFrom = n;
            } else if (!silent && silentFrom >= 0) {
                violations.add(who + " silently missed " + publisher.name() + "#" + silentFrom + ".." + (n - 1));
                silentFrom = -1;
            }
        }
    }

    List<String> violations() {
        return violations;
    }

    long duplicates() {
        return duplicates;
    }

    long reorderings() {
        return reorderings;
    }

    String report() {
        List<Long> sorted = resumeMillis.stream().sorted().toList();
        return String.format("""
                | figure | value |
                |---|---|
                | deliveries expected (published messages x subscribers) | %d |
                | delivered | %d (%.2f %%) |
                | missed, each followed by an explicit recovered:false | %d |
                | missed silently | %d |
                | duplicates | %d |
                | reorderings | %d |
                | drops resumed | %d (%d with recovered:true, %d messages replayed) |
                | recovered:false signals | %d |
                | time from drop to resubscribed: p50 / p99 / max | %d / %d / %d ms |
                """, expected, delivered, expected == 0 ? 0.0 : 100.0 * delivered / expected, excusedMisses,
                silentMisses, duplicates, reorderings, resumes, resumesRecovered, replayed,
                notRecoveredSignals, percentile(sorted, 50), percentile(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
