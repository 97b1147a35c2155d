package vn.loa.controller.media;

import java.util.List;
import java.util.function.LongFunction;

/**
 * Who uses a media item; an item in use cannot be deleted.
 *
 * @param streams   the running streams that play it (in their playlist or as a relay's fallback)
 * @param schedules the enabled schedules that will play it
 */
public record MediaUsage(LongFunction<List<String>> streams, LongFunction<List<Long>> schedules) {
}
