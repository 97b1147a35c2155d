package vn.loa.controller.schedule;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.loa.controller.http.ApiException;

/**
 * Why a schedule cannot be saved, with the request field at fault ({@code recurrence.at}, {@code targets},
 * {@code source}, ...; {@code body} when no one field is): a save throws the refusal, a check lists it.
 */
record ScheduleProblem(String field, ApiException refusal) {
    /** Names whole requests' faults: malformed JSON, too large, several unknown fields. */
    static final String WHOLE_BODY = "body";
    /** A rule's text starts with the field it is about: "recurrence.at is the time of day to start...". */
    private static final Pattern LEADING_FIELD = Pattern.compile("^([a-zA-Z]+)(\\.[a-zA-Z]+)*");

    /** The problem a refusal of the request's reading names, its field found in its words. */
    static ScheduleProblem of(ApiException refusal) {
        if (refusal.detail() instanceof List<?> unknown && unknown.size() == 1) {
            return new ScheduleProblem(String.valueOf(unknown.get(0)), refusal);
        }
        String words = refusal.detail() instanceof String rule ? rule : refusal.getMessage();
        Matcher field = LEADING_FIELD.matcher(words);
        boolean named = field.find() && ScheduleRequest.CHECK_FIELDS.contains(field.group(1));
        return new ScheduleProblem(named ? field.group() : WHOLE_BODY, refusal);
    }

    /** {@code {field, message}}, as the check shows it. */
    record View(String field, String message) {
    }

    View view() {
        Object detail = refusal.detail();
        if (detail instanceof String rule) {
            return new View(field, rule);
        }
        return new View(field, refusal.getMessage() + (detail instanceof List<?> names ? ": " + names : ""));
    }
}
