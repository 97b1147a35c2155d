package vn.loa.controller.report;

import java.time.LocalDate;

/**
 * One area and day of the airtime report.
 *
 * @param broadcasts      distinct broadcasts that played on a speaker of the area that day
 * @param secondsOnAir    sum over those broadcasts of how long each was on air in the area that day
 * @param speakersReached distinct speakers of the area that played something that day
 * @param speakersSilent  active speakers of the area that played nothing that day
 */
public record AirtimeRow(long areaId, String areaName, String areaKind, LocalDate day, int broadcasts,
                         double secondsOnAir, int speakersReached, int speakersSilent) {
}
