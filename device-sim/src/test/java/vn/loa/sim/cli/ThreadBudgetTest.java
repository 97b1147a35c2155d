package vn.loa.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadBudgetTest {
    @Test
    void tenThousandSpeakersDoNotFitUnderTheDefaultPidMaxNextToOtherThreads() {
        assertThat(ThreadBudget.needed(10_000)).isEqualTo(30_000 + ThreadBudget.BASE_THREADS);
        assertThat(ThreadBudget.shortfall(10_000, 32_768, 3_000)).hasValueSatisfying(w -> assertThat(w)
                .contains("10000 speakers need about 30064 threads").contains("limit of 32768"));
        assertThat(ThreadBudget.shortfall(1_000, 32_768, 3_000)).isEmpty();
    }

    @Test
    void readsThisMachinesLimitAndThreadsInUse() {
        long limit = ThreadBudget.machineThreadLimit().orElseThrow();
        long inUse = ThreadBudget.machineThreadsInUse().orElseThrow();
        assertThat(inUse).isGreaterThanOrEqualTo(Thread.activeCount());
        assertThat(limit).isGreaterThan(inUse);
    }
}
