package vn.loa.controller.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.controller.broadcast.SpeakerArbiter.Claim;
import vn.loa.controller.broadcast.SpeakerArbiter.Handover;

class SpeakerArbiterTest {
    private final SpeakerArbiter arbiter = new SpeakerArbiter();
    private final Claim normal = new Claim("n", Priority.NORMAL, 1);
    private final Claim laterNormal = new Claim("n2", Priority.NORMAL, 2);
    private final Claim priority = new Claim("p", Priority.PRIORITY, 3);
    private final Claim emergency = new Claim("e", Priority.EMERGENCY, 4);

    @Test
    void aHigherPriorityTakesTheSpeakerAndEqualsLeaveItToTheOnePlaying() {
        assertThat(arbiter.claim(normal, List.of("d1", "d2"))).containsExactly(new Handover("d1", null, "n"),
                new Handover("d2", null, "n"));
        assertThat(arbiter.claim(laterNormal, List.of("d2", "d3"))).containsExactly(new Handover("d3", null, "n2"));
        assertThat(arbiter.holder("d2")).isEqualTo("n");
        assertThat(arbiter.claim(priority, List.of("d2"))).containsExactly(new Handover("d2", "n", "p"));
        assertThat(arbiter.claim(emergency, List.of("d1", "d2", "d3"))).containsExactly(
                new Handover("d1", "n", "e"), new Handover("d2", "p", "e"), new Handover("d3", "n2", "e"));
    }

    @Test
    void whenTheHolderLetsGoTheBestRemainingClaimResumesHighestPriorityThenEarliest() {
        arbiter.claim(laterNormal, List.of("d1"));
        arbiter.claim(normal, List.of("d1"));
        arbiter.claim(priority, List.of("d1"));
        arbiter.claim(emergency, List.of("d1"));
        assertThat(arbiter.release("e", List.of("d1"))).containsExactly(new Handover("d1", "e", "p"));
        assertThat(arbiter.release("p", List.of("d1"))).containsExactly(new Handover("d1", "p", "n"));
        assertThat(arbiter.release("n2", List.of("d1"))).isEmpty(); // it was waiting, nothing changes hands
        assertThat(arbiter.release("n", List.of("d1"))).containsExactly(new Handover("d1", "n", null));
        assertThat(arbiter.holder("d1")).isNull();
    }

    @Test
    void claimingTwiceOrReleasingWhatWasNeverClaimedChangesNothing() {
        arbiter.claim(normal, List.of("d1"));
        assertThat(arbiter.claim(normal, List.of("d1"))).isEmpty();
        assertThat(arbiter.release("p", List.of("d1", "d9"))).isEmpty();
        assertThat(arbiter.holder("d1")).isEqualTo("n");
    }
}
