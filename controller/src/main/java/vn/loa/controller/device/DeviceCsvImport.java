package vn.loa.controller.device;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.http.ApiException;
import vn.loa.protocol.Ids;

/**
 * An installer's list of serials, imported all or nothing: every bad line is reported and, if there is one,
 * nothing is stored. A serial already registered gets the file's details (empty cells keep what is stored).
 */
public final class DeviceCsvImport {
    public static final int MAX_ROWS = 20_000;
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final List<String> COLUMNS =
            List.of("serial", "area_code", "name", "model", "latitude", "longitude", "imei", "iccid");
    private static final List<String> REQUIRED_COLUMNS = List.of("serial", "area_code");
    private static final char BOM = '\uFEFF';
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();

    private final DeviceRepository devices;
    private final AreaDirectory areas;
    private final AreaScopes scopes;
    private final AuditLog audit;
    private final Clock clock;

    public DeviceCsvImport(DeviceRepository devices, AreaDirectory areas, AreaScopes scopes, AuditLog audit,
                           Clock clock) {
        this.devices = devices;
        this.areas = areas;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    public record LineError(long line, String error) {
    }

    public record Report(int created, int updated, List<LineError> errors) {
    }

    /** A parsed line before its area code and serial are checked against the registry. */
    private record Row(long line, String serial, String areaCode, DeviceDetails details) {
    }

    /** Stores the file's devices, or throws 400 with the report of every bad line and stores nothing. */
    public Report run(byte[] body, Caller caller) {
        if (body.length > MAX_BYTES) {
            throw new ApiException(413, "the file is over " + MAX_BYTES + " bytes", Map.of("maxBytes", MAX_BYTES));
        }
        List<LineError> errors = new ArrayList<>();
        List<Row> rows = parse(utf8(body), errors);
        Map<String, Long> areasByCode = areas.idsByCode(rows.stream().map(Row::areaCode).distinct().toList());
        Map<String, Device> existing = devices.findBySerials(rows.stream().map(Row::serial).toList());
        Map<Long, Boolean> coveredAreas = new HashMap<>();
        Predicate<Long> inScope = areaId -> areaId == null ? caller.areaId() == null
                : coveredAreas.computeIfAbsent(areaId, id -> scopes.covers(caller, id));
        List<ImportedDevice> created = new ArrayList<>();
        List<ImportedDevice> updated = new ArrayList<>();
        for (Row row : rows) {
            Long area = areasByCode.get(row.areaCode());
            Device known = existing.get(row.serial());
            if (area == null || !inScope.test(area)) {
                errors.add(new LineError(row.line(), "unknown area code " + row.areaCode()));
            } else if (known != null && !inScope.test(known.areaId())) {
                errors.add(new LineError(row.line(), "serial " + row.serial() + " is registered outside your area"));
            } else if (known == null) {
                created.add(new ImportedDevice(row.serial(), area, row.details()));
            } else {
                updated.add(new ImportedDevice(row.serial(), area, row.details().or(known.details())));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingLong(LineError::line));
            throw ApiException.badRequest("import refused, nothing stored", new Report(0, 0, errors));
        }
        devices.importAll(created, updated, clock.instant());
        audit.record(caller.username(), "device.import", "devices",
                "created " + created.size() + ", updated " + updated.size());
        return new Report(created.size(), updated.size(), List.of());
    }

    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the file is not UTF-8 text", null);
        }
    }

    private static List<Row> parse(String text, List<LineError> errors) {
        List<Row> rows = new ArrayList<>();
        Map<String, Long> firstLineOfSerial = new HashMap<>();
        LineCounter lines = new LineCounter(text);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            checkHeader(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                if (record.getRecordNumber() > MAX_ROWS) {
                    throw ApiException.badRequest("the file has more than " + MAX_ROWS + " rows",
                            Map.of("maxRows", MAX_ROWS));
                }
                long line = lines.lineAt(record.getCharacterPosition());
                try {
                    Row row = row(line, record);
                    Long first = firstLineOfSerial.putIfAbsent(row.serial(), line);
                    if (first != null) {
                        errors.add(new LineError(line, "serial " + row.serial() + " repeats line " + first));
                    } else {
                        rows.add(row);
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new LineError(line, e.getMessage()));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw ApiException.badRequest("malformed CSV", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed CSV header", e.getMessage());
        }
        return rows;
    }

    /** The line a character of the file is on, as an editor shows it (blank lines and quoted line breaks count). */
    private static final class LineCounter {
        private final String text;
        private int scanned;
        private long line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        /**
         * The line a record starts on. The parser gives the position where it started looking (before any blank
         * lines it skipped); positions must come in increasing order, as the parser reads them.
         */
        long lineAt(long position) {
            while (scanned < text.length() && (scanned < position || isLineBreak(text.charAt(scanned)))) {
                if (text.charAt(scanned++) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private static boolean isLineBreak(char c) {
            return c == '\n' || c == '\r';
        }
    }

    private static void checkHeader(List<String> header) {
        Set<String> names = new HashSet<>(header);
        List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !names.contains(c)).toList();
        List<String> unknown = header.stream().filter(c -> !COLUMNS.contains(c)).toList();
        if (header.isEmpty() || !missing.isEmpty() || !unknown.isEmpty()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("expected", COLUMNS);
            detail.put("missing", missing);
            detail.put("unknown", unknown);
            throw ApiException.badRequest("the header line must name the columns", detail);
        }
    }

    /** Throws IllegalArgumentException naming what is wrong with the line. */
    private static Row row(long line, CSVRecord record) {
        if (!record.isConsistent()) {
            throw new IllegalArgumentException("expected " + record.getParser().getHeaderNames().size()
                    + " fields, found " + record.size());
        }
        String serial = cell(record, "serial");
        if (serial == null) {
            throw new IllegalArgumentException("serial is required");
        }
        if (!Ids.isSerial(serial)) {
            throw new IllegalArgumentException("serial " + serial + " must be 1 to 64 letters, digits, '.', '-' or '_'");
        }
        String areaCode = cell(record, "area_code");
        if (areaCode == null) {
            throw new IllegalArgumentException("area_code is required");
        }
        DeviceDetails details = new DeviceDetails(
                limited(record, "name", DeviceRules.NAME_MAX),
                limited(record, "model", DeviceRules.MODEL_MAX),
                coordinate(record, "latitude", DeviceRules.LATITUDE_MIN, DeviceRules.LATITUDE_MAX),
                coordinate(record, "longitude", DeviceRules.LONGITUDE_MIN, DeviceRules.LONGITUDE_MAX),
                cell(record, "imei"),
                cell(record, "iccid"));
        String problem = DeviceRules.identifierProblem(details);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Row(line, serial, areaCode, details);
    }

    private static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isEmpty() ? null : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    private static String limited(CSVRecord record, String column, int maxLength) {
        String value = cell(record, column);
        if (value != null && (value.length() > maxLength || value.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException(column + " must be at most " + maxLength + " printable characters");
        }
        return value;
    }

    private static Double coordinate(CSVRecord record, String column, double min, double max) {
        String value = cell(record, column);
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range value
        }
        throw new IllegalArgumentException(column + " must be a number within " + min + ".." + max
                + ", was " + value);
    }
}
