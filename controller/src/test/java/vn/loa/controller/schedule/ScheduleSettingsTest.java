package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loa.controller.config.ConfigException;
import vn.loa.controller.config.LoaConfig;

/** The schedule settings: their defaults, environment overrides and refusals. */
class ScheduleSettingsTest {

    @Test
    void defaultsAreVietnamTimeAndQuietNights() {
        ScheduleSettings settings = ScheduleSettings.from(LoaConfig.load(null, Map.of()));

        assertThat(settings.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(settings.quietHours()).contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(5, 0)));
        assertThat(settings.misfireGrace()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void theEnvironmentOverridesThem() {
        ScheduleSettings settings = ScheduleSettings.from(LoaConfig.load(null, Map.of(
                "LOA_SCHEDULE_TIME_ZONE", "Asia/Tokyo", "LOA_SCHEDULE_QUIET_HOURS", "",
                "LOA_SCHEDULE_MISFIRE_GRACE_SECONDS", "60")));

        assertThat(settings.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(settings.quietHours()).as("empty: no quiet hours").isEmpty();
        assertThat(settings.misfireGrace()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_SCHEDULE_TIME_ZONE", "Hà Nội")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schedule.time.zone");
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_SCHEDULE_QUIET_HOURS", "22h-5h")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schedule.quiet.hours");
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_SCHEDULE_QUIET_HOURS", "24:00-05:00")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schedule.quiet.hours");
        assertThatThrownBy(() -> LoaConfig.load(null, Map.of("LOA_SCHEDULE_MISFIRE_GRACE_SECONDS", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schedule.misfire.grace.seconds");
    }
}
