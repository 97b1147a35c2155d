package vn.loa.controller.alarm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A raised alarm as the API shows it.
 *
 * @param areaPath the area path of the device the alarm is about, null otherwise (or for a device without an area)
 */
public record Alarm(String key, String kind, String subject, String message, Instant raisedAt, Instant updatedAt,
                    @JsonIgnore String areaPath) {
    public static final String DEVICE_SUBJECT = "device:";

    /** Whether the alarm concerns one device, and so only users whose area holds that device see it. */
    @JsonIgnore
    public boolean aboutDevice() {
        return subject.startsWith(DEVICE_SUBJECT);
    }
}
