package vn.loa.controller.report;

import java.time.Instant;
import java.util.List;

/** A report's rows with the period they cover ({@code to} exclusive) and the time zone its days are counted in. */
public record ReportPage<T>(Instant from, Instant to, String timeZone, List<T> items, long total) {
}
