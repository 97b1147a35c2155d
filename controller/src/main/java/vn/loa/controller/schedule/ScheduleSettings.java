package vn.loa.controller.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import vn.loa.controller.config.LoaConfig;

/**
 * @param zone          the zone occurrences' wall-clock times are in
 * @param quietHours    when schedules may not play unless overridden; empty for none
 * @param misfireGrace  how late an occurrence missed while the server was down may still be started
 */
public record ScheduleSettings(ZoneId zone, Optional<QuietHours> quietHours, Duration misfireGrace) {

    public static ScheduleSettings from(LoaConfig config) {
        return new ScheduleSettings(config.scheduleTimeZone(), QuietHours.of(config.scheduleQuietHours()),
                Duration.ofSeconds(config.scheduleMisfireGraceSeconds()));
    }
}
