package vn.loa.sim.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FutexHashTest {

    @Test
    void bucketsAreAPowerOfTwoCoveringTheThreadsWithinTheKernelsBounds() {
        assertThat(FutexHash.slotsFor(0)).isEqualTo(16);
        assertThat(FutexHash.slotsFor(16)).isEqualTo(16);
        assertThat(FutexHash.slotsFor(17)).isEqualTo(32);
        assertThat(FutexHash.slotsFor(15_000)).isEqualTo(16_384);
        assertThat(FutexHash.slotsFor(150_000)).isEqualTo(FutexHash.MAX_SLOTS);
    }

    /** Asks the real kernel: on Linux 6.16 and later the table grows; elsewhere nothing is claimed. */
    @Test
    void growsThisProcesssTableWhereTheKernelHasOneAndNeverShrinksIt() {
        OptionalInt before = FutexHash.slots();
        FutexHash.Outcome outcome = FutexHash.ensureSlotsFor(3_000);
        OptionalInt after = FutexHash.slots();

        if (before.isEmpty()) {
            assertThat(outcome).isEqualTo(FutexHash.Outcome.NOT_APPLICABLE);
            assertThat(after).isEmpty();
        } else if (before.getAsInt() == 0 || before.getAsInt() >= 4_096) {
            assertThat(outcome).isEqualTo(FutexHash.Outcome.ALREADY_ENOUGH);
            assertThat(after).isEqualTo(before);
        } else {
            assertThat(outcome).isEqualTo(FutexHash.Outcome.RESIZED);
            assertThat(after.getAsInt()).isEqualTo(4_096);
        }
        assertThat(FutexHash.ensureSlotsFor(100)).isNotEqualTo(FutexHash.Outcome.RESIZED);
        assertThat(FutexHash.slots()).isEqualTo(after);
    }
}
