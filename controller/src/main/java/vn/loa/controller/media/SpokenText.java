package vn.loa.controller.media;

/** What a spoken bulletin was made from, kept with its media item. */
public record SpokenText(String text, String voice) {
}
