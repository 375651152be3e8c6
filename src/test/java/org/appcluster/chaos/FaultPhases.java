package org.appcluster.chaos;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The fault phases of a chaos or soak run. A fault the cluster did not get over (a wait that timed
 * out, also inside a future) ends the phases but not the run: the run still stops its load,
 * audits and writes its report, and only then fails with it.
 */
final class FaultPhases {

    interface Phases {
        void run() throws IOException, InterruptedException;
    }

    private FaultPhases() {
    }

    /** Runs {@code phases}; returns where they stopped short, told to {@code stopped} too, or null. */
    static AssertionError attempt(Phases phases, Consumer<String> stopped) throws IOException, InterruptedException {
        try {
            phases.run();
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssertionError stuck) {
                stopped.accept(stuck.getMessage());
                return stuck;
            }
            throw e;
        } catch (AssertionError stuck) {
            stopped.accept(stuck.getMessage());
            return stuck;
        }
    }
}
