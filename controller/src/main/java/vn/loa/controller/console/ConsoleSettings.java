package vn.loa.controller.console;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.loa.controller.config.ConfigException;
import vn.loa.controller.config.LoaConfig;

/**
 * What the console needs from the configuration: the speaker map's tiles. Without a tile URL the map draws the
 * speakers on a plain background and the browser fetches nothing from outside.
 *
 * @param mapTilesUrl     a Leaflet URL template such as {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}
 * @param mapAttribution  the credit the tile provider requires
 */
public record ConsoleSettings(Optional<String> mapTilesUrl, String mapAttribution) {
    /** Longest attribution accepted: a line of credit, not a page. */
    public static final int MAX_ATTRIBUTION_LENGTH = 300;
    private static final Pattern TILES_URL = Pattern.compile(
            "https?://[A-Za-z0-9.{}-]+(:\\d{1,5})?/\\S*\\{z}\\S*\\{x}\\S*\\{y}\\S*");

    public ConsoleSettings {
        mapTilesUrl.ifPresent(url -> {
            if (!TILES_URL.matcher(url).matches()) {
                throw new ConfigException("invalid value '" + url + "' for console.map.tiles.url: expected an http(s)"
                        + " URL template with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png");
            }
        });
        if (mapAttribution.length() > MAX_ATTRIBUTION_LENGTH) {
            throw new ConfigException("console.map.attribution is longer than " + MAX_ATTRIBUTION_LENGTH
                    + " characters");
        }
    }

    public static ConsoleSettings from(LoaConfig config) {
        return new ConsoleSettings(config.consoleMapTilesUrl(), config.consoleMapAttribution().strip());
    }

    public static ConsoleSettings none() {
        return new ConsoleSettings(Optional.empty(), "");
    }

    /**
     * The origin the tiles come from, as a CSP source: {@code https://tile.example.org}, or
     * {@code https://*.tile.example.org} for a template with a {@code {s}} subdomain.
     */
    public Optional<String> tileOrigin() {
        return mapTilesUrl.map(url -> {
            URI uri = URI.create(url.replace("{s}", "a").replaceAll("\\{[a-z]+}", "0"));
            String host = url.contains("{s}.") ? "*" + uri.getHost().substring(uri.getHost().indexOf('.')) : uri.getHost();
            return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        });
    }
}
