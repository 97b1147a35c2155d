package vn.loa.controller.http;

/** The JSON every refused request gets: {@code {"error": "...", "detail": ...}}. */
public record ErrorBody(String error, Object detail) {
}
