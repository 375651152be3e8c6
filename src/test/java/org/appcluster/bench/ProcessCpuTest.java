package org.appcluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void countsAtLeastTheCpuOneOfItsThreadsSpent() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ProcessCpu cpu = ProcessCpu.of(List.of(ProcessHandle.current()));
        long before = cpu.nanos();
        // Spun until this thread has had 200 ms of CPU, however busy the machine is.
        long until = threads.getCurrentThreadCpuTime() + 200_000_000L;
        double sink = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sink += Math.sqrt(sink + 1);
        }
        long spent = cpu.nanos() - before;
        // /proc counts in clock ticks (10 ms at 100 Hz): allow two.
        assertTrue(spent >= 180_000_000L, "counted " + spent + " ns (sink " + sink + ")");
    }

    @Test
    void givesMicrosPerItemOrNotApplicable() {
        assertEquals(2.5, ProcessCpu.microsPer(25_000, 10));
        assertEquals("n/a", ProcessCpu.microsPer(25_000, 0));
    }
}
