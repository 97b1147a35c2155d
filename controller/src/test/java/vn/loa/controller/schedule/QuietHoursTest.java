package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which programme windows touch the quiet hours, which may wrap midnight. */
class QuietHoursTest {
    private final QuietHours night = QuietHours.parse("22:00-05:00");

    @Test
    void windowsInsideOrAcrossTheNightTouchIt() {
        assertThat(night.touches(LocalTime.of(23, 0), Duration.ofMinutes(30))).isTrue();
        assertThat(night.touches(LocalTime.of(3, 0), Duration.ofMinutes(30))).isTrue();
        assertThat(night.touches(LocalTime.of(21, 45), Duration.ofMinutes(30))).as("runs into 22:00").isTrue();
        assertThat(night.touches(LocalTime.of(4, 45), Duration.ofMinutes(30))).as("starts before 05:00").isTrue();
        assertThat(night.touches(LocalTime.of(6, 0), Duration.ofHours(20))).as("runs into the next night").isTrue();
    }

    @Test
    void windowsThatOnlyMeetItsEdgesDoNot() {
        assertThat(night.touches(LocalTime.of(5, 0), Duration.ofMinutes(30))).isFalse();
        assertThat(night.touches(LocalTime.of(21, 30), Duration.ofMinutes(30))).as("ends at 22:00").isFalse();
        assertThat(night.touches(LocalTime.of(5, 0), Duration.ofHours(17))).as("05:00 to 22:00").isFalse();
        assertThat(night.touches(LocalTime.of(12, 0), Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void quietHoursWithinOneDayAndNoneAtAll() {
        QuietHours siesta = QuietHours.parse("12:00-13:30");
        assertThat(siesta.touches(LocalTime.of(13, 0), Duration.ofMinutes(60))).isTrue();
        assertThat(siesta.touches(LocalTime.of(13, 30), Duration.ofMinutes(60))).isFalse();
        assertThat(siesta.touches(LocalTime.of(11, 0), Duration.ofMinutes(60))).isFalse();
        assertThat(siesta).hasToString("12:00-13:30");
        assertThat(QuietHours.of(Optional.empty())).isEmpty();
    }
}
