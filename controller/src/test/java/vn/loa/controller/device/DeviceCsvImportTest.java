package vn.loa.controller.device;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.device.DeviceRoutesTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.testing.RouteServer.Response;

class DeviceCsvImportTest {
    private static final String HEADER = "serial,area_code,name,model,latitude,longitude,imei,iccid\n";
    @TempDir
    Path dir;
    private DeviceTestKit kit;
    private long communeA;
    private long communeB;

    @BeforeEach
    void setUp() {
        kit = new DeviceTestKit(dir).withHttp();
        long province = kit.area(null, "P10", "Tỉnh Hà Giang");
        communeA = kit.area(province, "XA-01", "Xã Lũng Cú");
        communeB = kit.area(province, "XA-02", "Xã Đồng Văn");
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void importsAGoodFileWithVietnameseNamesAndAByteOrderMark() {
        String csv = "\uFEFF" + HEADER
                + "LC-0001,XA-01,Loa cột cờ Lũng Cú,LX-30,23.3636,105.3160,356938035643809,89840200001234567890\n"
                + "LC-0002,XA-01,\"Loa chợ phiên, Đồng Văn\",,,,,\n"
                + "\n"
                + "DV-0001,XA-02,Loa UBND xã Đồng Văn,LX-25,23.2770,105.3630,,\n";

        JsonNode report = importCsv("approver", csv).body();

        assertThat(report.get("created").asInt()).isEqualTo(3);
        assertThat(report.get("updated").asInt()).isZero();
        assertThat(report.get("errors")).isEmpty();
        Device first = kit.devices.findBySerial("LC-0001").orElseThrow();
        assertThat(first.status()).isEqualTo(DeviceStatus.registered);
        assertThat(first.areaId()).isEqualTo(communeA);
        assertThat(first.details()).isEqualTo(new DeviceDetails("Loa cột cờ Lũng Cú", "LX-30", 23.3636, 105.3160,
                "356938035643809", "89840200001234567890"));
        assertThat(kit.devices.findBySerial("LC-0002").orElseThrow().details().name())
                .isEqualTo("Loa chợ phiên, Đồng Văn");
        assertThat(kit.devices.findBySerial("DV-0001").orElseThrow().areaId()).isEqualTo(communeB);
        assertThat(kit.auditCount("device.import")).isEqualTo(1);
    }

    @Test
    void acceptsAHeaderWithOnlyTheRequiredColumnsInAnyOrder() {
        JsonNode report = importCsv("approver", "area_code,serial\r\nXA-01,ONLY-1\r\n").body();

        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(kit.devices.findBySerial("ONLY-1").orElseThrow().details()).isEqualTo(DeviceDetails.NONE);
    }

    @Test
    void updatesExistingSerialsAndKeepsWhatEmptyCellsLeaveOut() {
        importCsv("approver", HEADER + "UP-1,XA-01,Tên cũ,LX-30,23.1,105.1,,\n");

        JsonNode report = importCsv("approver", HEADER + "UP-1,XA-02,Tên mới,,,,,\nUP-2,XA-02,,,,,,\n").body();

        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.get("updated").asInt()).isEqualTo(1);
        Device updated = kit.devices.findBySerial("UP-1").orElseThrow();
        assertThat(updated.areaId()).isEqualTo(communeB);
        assertThat(updated.details()).isEqualTo(new DeviceDetails("Tên mới", "LX-30", 23.1, 105.1, null, null));
    }

    @Test
    void reportsEveryBadLineAndStoresNothing() {
        String csv = HEADER
                + "GOOD-1,XA-01,Tốt,,,,,\n"
                + "bad serial,XA-01,,,,,,\n"
                + "GOOD-2,NO-SUCH-AREA,,,,,,\n"
                + "GOOD-3,XA-01,,,91.5,105,,\n"
                + "GOOD-4,XA-01,,,23,east,,\n"
                + "GOOD-5,XA-01,,,,,12345,\n"
                + "GOOD-1,XA-02,,,,,,\n"
                + "GOOD-6,XA-01\n"
                + ",XA-01,,,,,,\n"
                + "GOOD-7,,,,,,,\n";

        Response response = importCsv("approver", csv);

        assertError(response, 400, "import refused, nothing stored");
        JsonNode detail = response.body().get("detail");
        assertThat(detail.get("created").asInt()).isZero();
        assertThat(lines(detail)).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(errorOf(detail, 3)).contains("serial bad serial");
        assertThat(errorOf(detail, 4)).isEqualTo("unknown area code NO-SUCH-AREA");
        assertThat(errorOf(detail, 5)).startsWith("latitude must be a number within");
        assertThat(errorOf(detail, 6)).startsWith("longitude must be a number within");
        assertThat(errorOf(detail, 7)).isEqualTo("imei must be 14 to 16 digits");
        assertThat(errorOf(detail, 8)).isEqualTo("serial GOOD-1 repeats line 2");
        assertThat(errorOf(detail, 9)).isEqualTo("expected 8 fields, found 2");
        assertThat(errorOf(detail, 10)).isEqualTo("serial is required");
        assertThat(errorOf(detail, 11)).isEqualTo("area_code is required");
        assertThat(kit.get("admin", "/api/devices").body().get("total").asLong()).isZero();
    }

    @Test
    void numbersLinesAsAnEditorShowsThem() {
        String csv = HEADER
                + "\n"
                + "Q-1,XA-01,\"Loa hai\ndòng\",,,,,\n"
                + "\r\n"
                + "Q-2,XA-01,,,north,,,\n";

        JsonNode report = importCsv("approver", csv).body().get("detail");

        assertThat(lines(report)).containsExactly(3L, 6L);
        assertThat(errorOf(report, 3)).isEqualTo("name must be at most 200 printable characters");
        assertThat(errorOf(report, 6)).startsWith("latitude must be a number");
    }

    @Test
    void storesAndFindsNamesInOneUnicodeForm() {
        String decomposed = "Loa nha\u0300 va\u0306n ho\u0301a";
        importCsv("approver", HEADER + "NFC-1,XA-01," + decomposed + ",,,,,\n");

        assertThat(kit.devices.findBySerial("NFC-1").orElseThrow().details().name()).isEqualTo("Loa nhà văn hóa");
        JsonNode found = kit.get("viewer", "/api/devices?q=" + URLEncoder.encode("va\u0306n ho\u0301",
                StandardCharsets.UTF_8)).body();
        assertThat(found.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void treatsAreasOutsideTheCallersScopeAsUnknown() {
        importCsv("approver", HEADER + "B-1,XA-02,,,,,,\n");

        Response response = importCsv("approver:" + communeA,
                HEADER + "A-1,XA-01,,,,,,\nA-2,XA-02,,,,,,\nB-1,XA-01,,,,,,\n");

        assertError(response, 400, "import refused, nothing stored");
        assertThat(errorOf(response.body().get("detail"), 3)).isEqualTo("unknown area code XA-02");
        assertThat(errorOf(response.body().get("detail"), 4)).isEqualTo("serial B-1 is registered outside your area");
        assertThat(kit.devices.findBySerial("A-1")).isEmpty();
    }

    @Test
    void refusesFilesThatAreNotUtf8CsvWithAHeader() {
        assertError(kit.send("approver", "POST", "/api/devices/import", "application/json", "{}"), 415,
                "the import takes Content-Type text/csv");
        byte[] latin1 = (HEADER + "L-1,XA-01,Lũng Cú,,,,,\n").getBytes(StandardCharsets.ISO_8859_1);
        assertError(kit.send("approver", "POST", "/api/devices/import", "text/csv", latin1), 400,
                "the file is not UTF-8 text");
        assertError(importCsv("approver", "L-1,XA-01\n"), 400, "the header line must name the columns");
        assertError(importCsv("approver", "serial,area_code,colour\nL-1,XA-01,red\n"), 400,
                "the header line must name the columns");
        assertError(importCsv("approver", ""), 400, "the header line must name the columns");
        assertError(importCsv("approver", "serial,area_code\n\"L-1,XA-01\n"), 400, "malformed CSV");
        assertThat(kit.devices.findBySerial("L-1")).isEmpty();
    }

    @Test
    void takesUpToTheRowLimitAndRefusesOneMore() {
        StringBuilder csv = new StringBuilder("serial,area_code\n");
        for (int i = 1; i <= DeviceCsvImport.MAX_ROWS; i++) {
            csv.append("ROW-").append(i).append(",XA-01\n");
        }
        assertThat(importCsv("approver", csv.toString()).body().get("created").asInt())
                .isEqualTo(DeviceCsvImport.MAX_ROWS);

        csv.append("ROW-").append(DeviceCsvImport.MAX_ROWS + 1).append(",XA-01\n");
        Response tooMany = importCsv("approver", csv.toString());

        assertError(tooMany, 400, "the file has more than 20000 rows");
        assertThat(kit.devices.findBySerial("ROW-" + (DeviceCsvImport.MAX_ROWS + 1))).isEmpty();
    }

    @Test
    void refusesAFileOverTheSizeLimit() {
        StringBuilder csv = new StringBuilder(HEADER);
        String padding = "x".repeat(190);
        for (int i = 0; csv.length() <= DeviceCsvImport.MAX_BYTES; i++) {
            csv.append("BIG-").append(i).append(",XA-01,").append(padding).append(",,,,,\n");
        }

        assertError(importCsv("approver", csv.toString()), 413, "the file is over 5242880 bytes");
        assertThat(kit.devices.findBySerial("BIG-0")).isEmpty();
    }

    private Response importCsv(String caller, String csv) {
        return kit.send(caller, "POST", "/api/devices/import", "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> lines(JsonNode report) {
        List<Long> lines = new ArrayList<>();
        report.get("errors").forEach(e -> lines.add(e.get("line").asLong()));
        return lines;
    }

    private static String errorOf(JsonNode report, long line) {
        for (JsonNode e : report.get("errors")) {
            if (e.get("line").asLong() == line) {
                return e.get("error").asText();
            }
        }
        throw new AssertionError("no error reported on line " + line + ": " + report);
    }
}
