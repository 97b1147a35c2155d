package vn.loa.controller.http;

import io.javalin.http.Context;
import io.javalin.http.Header;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Lists and reports as CSV files: asked for with {@code Accept: text/csv} or {@code ?format=csv}; written as RFC 4180
 * (quoted where needed, CRLF line ends) in UTF-8 with a byte-order mark, so Excel shows Vietnamese names correctly,
 * and offered as a download.
 */
public final class CsvResponse {
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    static final String BYTE_ORDER_MARK = "\uFEFF";

    private final CSVPrinter printer;

    private CsvResponse(CSVPrinter printer) {
        this.printer = printer;
    }

    /** True when the caller asked for CSV; {@code ?format=} other than csv or json is refused. */
    public static boolean wanted(Context ctx) {
        String format = QueryParams.text(ctx, "format");
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw QueryParams.invalid("format", "must be csv or json");
            };
        }
        String accept = ctx.header(Header.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    /**
     * Sends a CSV download named {@code fileName} with the header row {@code columns}; {@code rows} writes the
     * records through the response it is given.
     */
    public static void send(Context ctx, String fileName, List<String> columns, Consumer<CsvResponse> rows) {
        ctx.contentType(CONTENT_TYPE);
        ctx.header(Header.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        try (Writer writer = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            writer.write(BYTE_ORDER_MARK);
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
            printer.printRecord(columns);
            rows.accept(new CsvResponse(printer));
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write " + fileName, e);
        }
    }

    /** One record; null values are written as empty fields, everything else as its text. */
    public void row(Object... values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
