package vn.loa.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON examples of a Markdown document. A block opens with {@code ```json Type} (a valid example) or
 * {@code ```json invalid Type} (an example the receiver rejects; the last non-blank line before it says
 * "Rejected with `reason`").
 */
final class DocExamples {
    private static final String FENCE = "```";
    private static final Pattern REASON = Pattern.compile("Rejected with `([a-z-]+)`");

    /**
     * One ```json block.
     *
     * @param tag            the words after {@code json}, possibly empty
     * @param statedReason   for an invalid example, the reason in the line before it, or null
     */
    record Example(int line, List<String> tag, String json, String statedReason) {
        boolean invalid() {
            return !tag.isEmpty() && tag.get(0).equals("invalid");
        }

        /** The message type the tag names, or null if the tag is not of the form [invalid] Type. */
        String typeName() {
            int expected = invalid() ? 2 : 1;
            return tag.size() == expected ? tag.get(expected - 1) : null;
        }

        @Override
        public String toString() {
            return "line " + line + " (" + String.join(" ", tag) + ")";
        }
    }

    private DocExamples() {
    }

    static List<Example> parse(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        String lastText = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(FENCE + "json")) {
                int opening = i;
                StringBuilder json = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().equals(FENCE); i++) {
                    json.append(lines.get(i)).append('\n');
                }
                if (i == lines.size()) {
                    throw new IllegalArgumentException("unclosed ```json block at line " + (opening + 1));
                }
                String header = line.substring((FENCE + "json").length()).strip();
                List<String> tag = header.isEmpty() ? List.of() : List.of(header.split("\\s+"));
                Matcher reason = REASON.matcher(lastText);
                examples.add(new Example(opening + 1, tag, json.toString(), reason.find() ? reason.group(1) : null));
                lastText = "";
            } else if (!line.isEmpty()) {
                lastText = line;
            }
        }
        return examples;
    }
}
