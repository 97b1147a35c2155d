package vn.loa.bench.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's province as the API knows it: one province of {@code communes} communes, the speakers' serials
 * imported in turn into them (speaker {@code i}, counted from 0, in commune {@code i % communes}).
 *
 * @param communeIds area id of each commune, in order
 */
public record BenchProvince(long provinceId, List<Long> communeIds) {
    public static final String PROVINCE_CODE = "bench";

    /** Creates the area tree and imports the serials through the API. */
    public static BenchProvince load(LoaApi api, int communes, List<String> serials)
            throws IOException, InterruptedException {
        List<Map<String, Object>> children = new ArrayList<>();
        for (int c = 0; c < communes; c++) {
            children.add(Map.of("name", "Xã Thử nghiệm " + (c + 1), "kind", "commune", "code", communeCode(c)));
        }
        api.post("/api/areas/import", Map.of("name", "Tỉnh Thử nghiệm", "kind", "province", "code", PROVINCE_CODE,
                "children", children));
        StringBuilder csv = new StringBuilder("serial,area_code,name,model,latitude,longitude,imei,iccid\n");
        for (int i = 0; i < serials.size(); i++) {
            csv.append(serials.get(i)).append(',').append(communeCode(communeOf(i, communes)))
                    .append(",Loa ").append(i + 1).append(",LOA-S4,,,,\n");
        }
        api.postCsv("/api/devices/import", csv.toString());

        Map<String, Long> idByCode = new HashMap<>();
        for (JsonNode area : api.get("/api/areas?limit=1000").get("items")) {
            idByCode.put(area.path("code").asText(), area.get("id").asLong());
        }
        List<Long> communeIds = new ArrayList<>();
        for (int c = 0; c < communes; c++) {
            communeIds.add(require(idByCode, communeCode(c)));
        }
        return new BenchProvince(require(idByCode, PROVINCE_CODE), List.copyOf(communeIds));
    }

    /** The commune (counted from 0) of the speaker at {@code speakerIndex} (counted from 0). */
    public static int communeOf(int speakerIndex, int communes) {
        return speakerIndex % communes;
    }

    private static String communeCode(int commune) {
        return String.format("bench-c%03d", commune + 1);
    }

    private static long require(Map<String, Long> idByCode, String code) throws IOException {
        Long id = idByCode.get(code);
        if (id == null) {
            throw new IOException("imported area " + code + " not found");
        }
        return id;
    }
}
