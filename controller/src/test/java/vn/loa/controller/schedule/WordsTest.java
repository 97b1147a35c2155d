package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.schedule.RecurrenceTest.parse;

import org.junit.jupiter.api.Test;

/** Recurrences in plain words, Vietnamese and English. */
class WordsTest {

    @Test
    void weekdaysInARangeWithAnException() {
        ScheduleViews.Description words = Words.describe(parse("{\"repeat\":\"weekly\","
                + "\"weekdays\":[\"MO\",\"WE\",\"FR\"],\"from\":\"2026-12-01\",\"until\":\"2026-12-31\","
                + "\"except\":[\"2027-01-01\"],\"at\":\"06:00\",\"durationMinutes\":30}"));

        assertThat(words.vi()).isEqualTo(
                "Thứ Hai, Thứ Tư, Thứ Sáu lúc 06:00, 30 phút, từ 01/12/2026 đến 31/12/2026, trừ 01/01/2027");
        assertThat(words.en()).isEqualTo("Mon, Wed, Fri at 06:00 for 30 min, 2026-12-01..2026-12-31, except 2027-01-01");
    }

    @Test
    void dailyOnceAndLongerDurations() {
        ScheduleViews.Description daily = Words.describe(parse("{\"repeat\":\"daily\",\"from\":\"2026-12-01\","
                + "\"at\":\"17:30\",\"durationMinutes\":90}"));
        assertThat(daily.vi()).isEqualTo("Hằng ngày lúc 17:30, 1 giờ 30 phút, từ 01/12/2026");
        assertThat(daily.en()).isEqualTo("Daily at 17:30 for 1 h 30 min, from 2026-12-01");

        ScheduleViews.Description once = Words.describe(parse("{\"repeat\":\"once\",\"from\":\"2026-12-24\","
                + "\"at\":\"19:00\",\"durationMinutes\":120}"));
        assertThat(once.vi()).isEqualTo("Một lần ngày 24/12/2026 lúc 19:00, 2 giờ");
        assertThat(once.en()).isEqualTo("Once on 2026-12-24 at 19:00 for 2 h");
    }

    @Test
    void monthlyYearlyAndIntervals() {
        ScheduleViews.Description monthEnd = Words.describe(parse("{\"rrule\":\"FREQ=MONTHLY;BYMONTHDAY=-1\","
                + "\"from\":\"2027-01-01\",\"at\":\"07:00\",\"durationMinutes\":15}"));
        assertThat(monthEnd.vi()).isEqualTo("Hằng tháng vào ngày cuối tháng lúc 07:00, 15 phút, từ 01/01/2027");
        assertThat(monthEnd.en()).isEqualTo("Monthly on the last day at 07:00 for 15 min, from 2027-01-01");

        ScheduleViews.Description days = Words.describe(parse("{\"rrule\":\"FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=6\","
                + "\"from\":\"2027-01-01\",\"at\":\"07:00\",\"durationMinutes\":15}"));
        assertThat(days.en()).isEqualTo("Monthly on day 1, day 15 at 07:00 for 15 min, from 2027-01-01, 6 times");
        assertThat(days.vi()).isEqualTo("Hằng tháng vào ngày 1, ngày 15 lúc 07:00, 15 phút, từ 01/01/2027, 6 lần");

        ScheduleViews.Description leapDay = Words.describe(parse("{\"rrule\":\"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29\","
                + "\"from\":\"2027-01-01\",\"at\":\"08:00\",\"durationMinutes\":60}"));
        assertThat(leapDay.vi()).startsWith("Hằng năm vào ngày 29/02 lúc 08:00, 1 giờ");
        assertThat(leapDay.en()).startsWith("Yearly on 02-29 at 08:00 for 1 h");

        ScheduleViews.Description fortnightly = Words.describe(parse("{\"rrule\":\"FREQ=WEEKLY;INTERVAL=2;BYDAY=SA\","
                + "\"from\":\"2027-01-01\",\"at\":\"08:00\",\"durationMinutes\":60}"));
        assertThat(fortnightly.vi()).startsWith("Mỗi 2 tuần vào Thứ Bảy lúc 08:00");
        assertThat(fortnightly.en()).startsWith("Every 2 weeks on Sat at 08:00");
    }

    @Test
    void aRuleWithoutPlainWordsIsNamedByItsText() {
        Recurrence lastFriday = parse("{\"rrule\":\"FREQ=MONTHLY;BYDAY=-1FR\",\"from\":\"2027-01-01\","
                + "\"at\":\"08:00\",\"durationMinutes\":60}");
        ScheduleViews.Description words = Words.describe(lastFriday);

        assertThat(words.en()).startsWith("By rule " + lastFriday.rrule() + " at 08:00 for 1 h");
        assertThat(words.vi()).startsWith("Theo quy tắc " + lastFriday.rrule() + " lúc 08:00, 1 giờ");
    }

    @Test
    void manyExceptionsAreCountedPastTheFirstTen() {
        StringBuilder except = new StringBuilder();
        for (int day = 1; day <= 12; day++) {
            except.append(day == 1 ? "" : ",").append(String.format("\"2027-01-%02d\"", day));
        }
        ScheduleViews.Description words = Words.describe(parse("{\"repeat\":\"daily\",\"from\":\"2026-12-01\","
                + "\"except\":[" + except + "],\"at\":\"06:00\",\"durationMinutes\":30}"));

        assertThat(words.en()).endsWith("except 2027-01-01, 2027-01-02, 2027-01-03, 2027-01-04, 2027-01-05, "
                + "2027-01-06, 2027-01-07, 2027-01-08, 2027-01-09, 2027-01-10 and 2 more");
        assertThat(words.vi()).endsWith("trừ 01/01/2027, 02/01/2027, 03/01/2027, 04/01/2027, 05/01/2027, "
                + "06/01/2027, 07/01/2027, 08/01/2027, 09/01/2027, 10/01/2027 và 2 ngày khác");
    }
}
