package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.loa.controller.config.ConfigException;

class ConsoleSettingsTest {
    @Test
    void withoutTilesTheMapFetchesNothingFromOutside() {
        ConsoleSettings none = ConsoleSettings.none();

        assertThat(none.tileOrigin()).isEmpty();
        assertThat(ConsolePolicy.contentSecurityPolicy("sha256-x", none)).contains("img-src 'self' data:;");
    }

    @Test
    void theTileOriginIsTheTemplatesSchemeHostAndPort() {
        assertThat(tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png").tileOrigin())
                .contains("https://tile.openstreetmap.org");
        assertThat(tiles("http://maps.local:8081/tiles/{z}/{x}/{y}.png").tileOrigin())
                .contains("http://maps.local:8081");
        assertThat(tiles("https://{s}.tiles.example.vn/{z}/{x}/{y}@2x.png").tileOrigin())
                .contains("https://*.tiles.example.vn");
    }

    @Test
    void aTemplateThatIsNotAnHttpTileUrlIsRefusedAtStartUp() {
        for (String bad : new String[] {"tile.openstreetmap.org/{z}/{x}/{y}.png", "https://example.org/tiles.png",
                "javascript:alert(1)/{z}/{x}/{y}", "https://exa mple.org/{z}/{x}/{y}.png"}) {
            assertThatThrownBy(() -> tiles(bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("console.map.tiles.url");
        }
    }

    @Test
    void anAttributionIsALineNotAPage() {
        String longest = "x".repeat(ConsoleSettings.MAX_ATTRIBUTION_LENGTH);

        assertThat(new ConsoleSettings(Optional.empty(), longest).mapAttribution()).hasSize(longest.length());
        assertThatThrownBy(() -> new ConsoleSettings(Optional.empty(), longest + "x"))
                .isInstanceOf(ConfigException.class);
    }

    private static ConsoleSettings tiles(String url) {
        return new ConsoleSettings(Optional.of(url), "");
    }
}
