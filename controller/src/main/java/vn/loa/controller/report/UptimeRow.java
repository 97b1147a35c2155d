package vn.loa.controller.report;

import java.time.Instant;

/**
 * One device in the uptime report.
 *
 * @param onlineShare  the part of the period (up to now) the device was online, 0..1
 * @param disconnects  how many times it went offline during the period
 */
public record UptimeRow(String id, String serial, String name, Long areaId, String areaName, double onlineShare,
                        int disconnects, Instant lastSeen) {
}
