package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.controller.http.ApiException;

/** Recurrence rules expanded into occurrences: the days, the month ends, the exceptions and the zone. */
class RecurrenceTest {
    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Recurrence parse(String json) {
        try {
            return RecurrenceForm.parse(JSON.readTree(json), TODAY);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> starts(Recurrence recurrence, String from, String to, ZoneId zone) {
        return recurrence.between(Instant.parse(from), Instant.parse(to), zone, 1000).stream()
                .map(o -> o.start().atZone(zone).toOffsetDateTime().toString()).toList();
    }

    @Test
    void dailyOccurrencesAreWallClockTimesAtPlusSeven() {
        Recurrence daily = parse("{\"repeat\":\"daily\",\"from\":\"2026-12-01\",\"at\":\"06:00\",\"durationMinutes\":30}");

        assertThat(daily.rrule()).isEqualTo("FREQ=DAILY");
        List<Occurrence> first = daily.between(Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-03T12:00:00Z"), HANOI, 100);
        assertThat(first).extracting(o -> o.start().atZone(HANOI).toOffsetDateTime()).containsExactly(
                OffsetDateTime.parse("2026-12-01T06:00+07:00"), OffsetDateTime.parse("2026-12-02T06:00+07:00"),
                OffsetDateTime.parse("2026-12-03T06:00+07:00"));
        assertThat(first.get(0).start()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(first.get(0).end()).isEqualTo(Instant.parse("2026-11-30T23:30:00Z"));
    }

    @Test
    void anotherConfiguredZoneShiftsTheInstants() {
        Recurrence daily = parse("{\"repeat\":\"daily\",\"from\":\"2026-12-01\",\"at\":\"06:00\",\"durationMinutes\":30}");
        Instant from = Instant.parse("2026-11-30T00:00:00Z");
        Instant to = Instant.parse("2026-12-02T00:00:00Z");

        Instant hanoi = daily.between(from, to, HANOI, 1).get(0).start();
        Instant tokyo = daily.between(from, to, ZoneId.of("Asia/Tokyo"), 1).get(0).start();
        assertThat(hanoi).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(tokyo).isEqualTo(Instant.parse("2026-11-30T21:00:00Z"));
        assertThat(Duration.between(tokyo, hanoi)).hasHours(2);
    }

    @Test
    void asiaHoChiMinhHasNoDaylightSavingAllYear() {
        Recurrence daily = parse("{\"repeat\":\"daily\",\"from\":\"2027-01-01\",\"at\":\"06:00\",\"durationMinutes\":30}");
        List<Occurrence> year = daily.between(Instant.parse("2026-12-31T17:00:00Z"),
                Instant.parse("2027-12-31T17:00:00Z"), HANOI, 1000);

        assertThat(year).hasSize(365);
        assertThat(year).allSatisfy(o -> {
            assertThat(o.start().atZone(HANOI).getOffset().getId()).isEqualTo("+07:00");
            assertThat(o.start().atZone(HANOI).toLocalTime()).hasToString("06:00");
        });
    }

    @Test
    void chosenWeekdaysWithinADateRangeLessExceptions() {
        Recurrence weekly = parse("{\"repeat\":\"weekly\",\"weekdays\":[\"FR\",\"MO\",\"WE\"],\"from\":\"2026-12-01\","
                + "\"until\":\"2026-12-14\",\"except\":[\"2026-12-09\"],\"at\":\"06:00\",\"durationMinutes\":30}");

        assertThat(weekly.rrule()).contains("FREQ=WEEKLY").contains("BYDAY=MO,WE,FR").contains("UNTIL=20261214");
        // 2026-12-01 is a Tuesday: it is the first date, but not one of the days, so it does not play
        assertThat(starts(weekly, "2026-11-01T00:00:00Z", "2027-02-01T00:00:00Z", HANOI)).containsExactly(
                "2026-12-02T06:00+07:00", "2026-12-04T06:00+07:00", "2026-12-07T06:00+07:00",
                "2026-12-11T06:00+07:00", "2026-12-14T06:00+07:00");
    }

    @Test
    void onceIsOneOccurrenceOnItsDate() {
        Recurrence once = parse("{\"repeat\":\"once\",\"from\":\"2026-12-24\",\"at\":\"19:30\",\"durationMinutes\":90}");

        assertThat(starts(once, "2026-01-01T00:00:00Z", "2027-12-31T00:00:00Z", HANOI))
                .containsExactly("2026-12-24T19:30+07:00");
        assertThat(starts(once, "2026-12-25T00:00:00Z", "2027-12-31T00:00:00Z", HANOI)).isEmpty();
        assertThat(once.upcoming(Instant.parse("2026-12-24T13:00:00Z"), HANOI, 5)).isEmpty();
    }

    @Test
    void theThirtyFirstSkipsShorterMonthsAndMinusOneIsEveryMonthEnd() {
        Recurrence thirtyFirst = parse("{\"rrule\":\"FREQ=MONTHLY;BYMONTHDAY=31\",\"from\":\"2027-01-01\","
                + "\"at\":\"07:00\",\"durationMinutes\":15}");
        Recurrence monthEnd = parse("{\"rrule\":\"FREQ=MONTHLY;BYMONTHDAY=-1\",\"from\":\"2027-01-01\","
                + "\"at\":\"07:00\",\"durationMinutes\":15}");

        assertThat(starts(thirtyFirst, "2027-01-01T00:00:00Z", "2027-08-01T00:00:00Z", HANOI)).containsExactly(
                "2027-01-31T07:00+07:00", "2027-03-31T07:00+07:00", "2027-05-31T07:00+07:00",
                "2027-07-31T07:00+07:00");
        assertThat(starts(monthEnd, "2027-01-01T00:00:00Z", "2027-05-01T00:00:00Z", HANOI)).containsExactly(
                "2027-01-31T07:00+07:00", "2027-02-28T07:00+07:00", "2027-03-31T07:00+07:00",
                "2027-04-30T07:00+07:00");
        assertThat(starts(monthEnd, "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z", HANOI))
                .as("2028 is a leap year").containsExactly("2028-02-29T07:00+07:00");
    }

    @Test
    void theTwentyNinthOfFebruaryComesInLeapYearsOnly() {
        Recurrence leapDay = parse("{\"rrule\":\"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29\",\"from\":\"2026-01-01\","
                + "\"at\":\"08:00\",\"durationMinutes\":60}");

        assertThat(starts(leapDay, "2026-01-01T00:00:00Z", "2037-01-01T00:00:00Z", HANOI)).containsExactly(
                "2028-02-29T08:00+07:00", "2032-02-29T08:00+07:00", "2036-02-29T08:00+07:00");
    }

    @Test
    void aWindowPastMidnightIsFoundFromTheNextDay() {
        Recurrence late = parse("{\"repeat\":\"daily\",\"from\":\"2026-12-01\",\"at\":\"21:00\",\"durationMinutes\":240}");
        Instant afterMidnight = OffsetDateTime.parse("2026-12-03T00:30+07:00").toInstant();

        List<Occurrence> now = late.between(afterMidnight, afterMidnight.plusNanos(1), HANOI, 5);
        assertThat(now).hasSize(1);
        assertThat(now.get(0).start()).isEqualTo(OffsetDateTime.parse("2026-12-02T21:00+07:00").toInstant());
        assertThat(now.get(0).contains(afterMidnight)).isTrue();
    }

    @Test
    void fromDefaultsToTodayAndTheNextOccurrencesAreListed() {
        Recurrence daily = parse("{\"repeat\":\"daily\",\"at\":\"06:00:30\",\"durationMinutes\":1}");

        assertThat(daily.firstDate()).isEqualTo(TODAY);
        assertThat(daily.upcoming(OffsetDateTime.parse("2026-11-25T07:00+07:00").toInstant(), HANOI, 5))
                .extracting(o -> o.start().atZone(HANOI).toOffsetDateTime().toString()).containsExactly(
                        "2026-11-26T06:00:30+07:00", "2026-11-27T06:00:30+07:00", "2026-11-28T06:00:30+07:00",
                        "2026-11-29T06:00:30+07:00", "2026-11-30T06:00:30+07:00");
    }

    @Test
    void theFriendlyFormIsShownBackAndACustomRuleSaysSo() {
        RecurrenceForm.View weekly = RecurrenceForm.view(parse("{\"repeat\":\"weekly\",\"weekdays\":[\"WE\",\"MO\"],"
                + "\"from\":\"2026-12-01\",\"until\":\"2026-12-31\",\"except\":[\"2026-12-02\"],\"at\":\"06:00\","
                + "\"durationMinutes\":30}"));
        assertThat(weekly.repeat()).isEqualTo("weekly");
        assertThat(weekly.weekdays()).containsExactly("MO", "WE");
        assertThat(weekly.until()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(weekly.except()).containsExactly(LocalDate.of(2026, 12, 2));
        assertThat(weekly.rrule()).contains("BYDAY=MO,WE");

        RecurrenceForm.View raw = RecurrenceForm.view(parse("{\"rrule\":\"RRULE:FREQ=WEEKLY;BYDAY=TU\","
                + "\"from\":\"2026-12-01\",\"at\":\"06:00\",\"durationMinutes\":30}"));
        assertThat(raw.repeat()).as("a raw rule that fits the friendly form").isEqualTo("weekly");
        assertThat(raw.weekdays()).containsExactly("TU");

        RecurrenceForm.View custom = RecurrenceForm.view(parse("{\"rrule\":\"FREQ=MONTHLY;BYMONTHDAY=1,15\","
                + "\"at\":\"06:00\",\"durationMinutes\":30}"));
        assertThat(custom.repeat()).isEqualTo("custom");
        assertThat(custom.rrule()).contains("FREQ=MONTHLY").contains("BYMONTHDAY=1,15");
        assertThat(RecurrenceForm.view(parse("{\"repeat\":\"once\",\"from\":\"2026-12-24\",\"at\":\"06:00\","
                + "\"durationMinutes\":30}")).repeat()).isEqualTo("once");
    }

    @Test
    void limitsAndMalformedRecurrencesAreRefusedByName() {
        String base = "\"at\":\"06:00\",\"durationMinutes\":30";
        assertRefused("{\"repeat\":\"daily\",\"at\":\"06:00\",\"durationMinutes\":0}", "durationMinutes");
        assertRefused("{\"repeat\":\"daily\",\"at\":\"06:00\",\"durationMinutes\":1441}", "durationMinutes");
        assertThat(parse("{\"repeat\":\"daily\",\"at\":\"06:00\",\"durationMinutes\":1440}").duration())
                .isEqualTo(Recurrence.MAX_DURATION);
        assertThat(parse("{\"repeat\":\"daily\",\"at\":\"06:00\",\"durationMinutes\":1}").duration())
                .isEqualTo(Recurrence.MIN_DURATION);
        assertRefused("{\"repeat\":\"daily\",\"at\":\"6 am\",\"durationMinutes\":30}", "recurrence.at");
        assertRefused("{\"repeat\":\"daily\",\"durationMinutes\":30}", "recurrence.at");
        assertRefused("{\"repeat\":\"hourly\"," + base + "}", "recurrence.repeat");
        assertRefused("{" + base + "}", "exactly one of repeat");
        assertRefused("{\"repeat\":\"daily\",\"rrule\":\"FREQ=DAILY\"," + base + "}", "exactly one of repeat");
        assertRefused("{\"repeat\":\"weekly\"," + base + "}", "recurrence.weekdays");
        assertRefused("{\"repeat\":\"weekly\",\"weekdays\":[\"XX\"]," + base + "}", "recurrence.weekdays");
        assertRefused("{\"repeat\":\"once\"," + base + "}", "recurrence.from");
        assertRefused("{\"repeat\":\"daily\",\"from\":\"2026-12-31\",\"until\":\"2026-12-01\"," + base + "}",
                "until");
        assertRefused("{\"repeat\":\"daily\",\"from\":\"31/12/2026\"," + base + "}", "recurrence.from");
        assertRefused("{\"repeat\":\"daily\",\"colour\":\"red\"," + base + "}", "recurrence.colour");
        assertRefused("{\"rrule\":\"FREQ=HOURLY\"," + base + "}", "DAILY, WEEKLY, MONTHLY or YEARLY");
        assertRefused("{\"rrule\":\"FREQ=DAILY;BYHOUR=6\"," + base + "}", "BYHOUR");
        assertRefused("{\"rrule\":\"FREQ=DAILY;UNTIL=20261231T000000Z\"," + base + "}", "UNTIL must be a date");
        assertRefused("{\"rrule\":\"NOT A RULE\"," + base + "}", "RFC 5545");
        assertRefused("{\"rrule\":\"FREQ=DAILY;" + "X-A=1;".repeat(100) + "\"," + base + "}",
                "at most " + Recurrence.MAX_RULE_LENGTH);
        assertRefused("{\"rrule\":\"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\"," + base + "}", "never occurs");
        assertRefused("{\"repeat\":\"once\",\"from\":\"2026-12-01\",\"except\":[\"2026-12-01\"]," + base + "}",
                "never occurs");
        assertRefused("{\"repeat\":\"daily\",\"except\":" + days(Recurrence.MAX_EXCEPTIONS + 1) + "," + base + "}",
                "at most " + Recurrence.MAX_EXCEPTIONS);
        assertThat(parse("{\"repeat\":\"daily\",\"except\":" + days(Recurrence.MAX_EXCEPTIONS) + "," + base + "}")
                .except()).hasSize(Recurrence.MAX_EXCEPTIONS);
    }

    private static String days(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(LocalDate.of(2027, 1, 1).plusDays(i)).append('"');
        }
        return json.append(']').toString();
    }

    private static void assertRefused(String json, String reason) {
        assertThatThrownBy(() -> parse(json)).as(json).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage() + " " + e.detail()).contains(reason);
        });
    }
}
