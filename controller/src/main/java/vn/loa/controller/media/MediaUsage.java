package vn.loa.controller.media;

import java.util.List;

/** Which running streams play a media item; an item in use cannot be deleted. */
@FunctionalInterface
public interface MediaUsage {
    List<String> streamsUsing(long mediaId);
}
