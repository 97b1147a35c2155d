package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.http.Json;

/**
 * The console has no build step, so nothing else notices a page the router cannot load or an import that points
 * nowhere: every module the router names, and every module any console file imports, must be in the jar.
 */
class ConsoleModulesTest {
    private static final Pattern PAGE_IMPORT = Pattern.compile("(\\w+): \\(\\) => import\\('\\./pages/([\\w-]+)\\.js'\\)");
    private static final Pattern ROUTE_NAME = Pattern.compile("\\{name: '([\\w-]+)', role: ");
    /** Static and dynamic imports and re-exports: {@code from './x.js'}, {@code import './x.js'}, {@code import('./x.js')}. */
    private static final Pattern IMPORT = Pattern.compile("(?:^|[\\s;{}])(?:from|import)\\s*\\(?\\s*'([^']+)'",
            Pattern.MULTILINE);
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);

    private static Path console;

    @BeforeAll
    static void locate() throws URISyntaxException {
        console = Path.of(ConsoleModulesTest.class.getResource(ConsolePolicy.DIRECTORY).toURI());
    }

    @Test
    void everyRouteHasAPageModuleThatDefinesItsElement() throws IOException {
        String routes = Files.readString(console.resolve("js/routes.js"));
        Set<String> routeNames = matches(ROUTE_NAME, routes, 1);
        Matcher m = PAGE_IMPORT.matcher(routes);
        Set<String> modules = new TreeSet<>();
        while (m.find()) {
            assertThat(m.group(1)).as("a page is imported from the file of its name").isEqualTo(m.group(2));
            modules.add(m.group(2));
        }

        assertThat(routeNames).hasSizeGreaterThanOrEqualTo(9);
        assertThat(modules).containsAll(routeNames).contains("login");
        for (String page : modules) {
            Path file = console.resolve("js/pages/" + page + ".js");
            assertThat(file).as("page module of #/" + page).isRegularFile();
            assertThat(Files.readString(file)).as(file.toString())
                    .contains("customElements.define('loa-page-" + page + "'")
                    .contains("data-page=\"" + page + "\"");
        }
    }

    @Test
    void everyImportOfEveryConsoleModuleResolves() throws IOException {
        Set<String> bare = importMapKeys();
        List<String> broken = new ArrayList<>();
        List<Path> modules;
        try (Stream<Path> files = Files.walk(console)) {
            modules = files.filter(f -> f.toString().endsWith(".js")).toList();
        }
        assertThat(modules).hasSizeGreaterThan(10);
        for (Path module : modules) {
            Matcher m = IMPORT.matcher(Files.readString(module));
            while (m.find()) {
                String target = m.group(1);
                boolean resolves = target.startsWith(".")
                        ? Files.isRegularFile(module.getParent().resolve(target).normalize())
                        : bare.contains(target) || bare.stream().anyMatch(k -> k.endsWith("/") && target.startsWith(k));
                if (!resolves) {
                    broken.add(console.relativize(module) + " imports " + target);
                }
            }
        }

        assertThat(broken).as("imports that point nowhere").isEmpty();
    }

    private static Set<String> importMapKeys() throws IOException {
        Matcher m = IMPORT_MAP.matcher(Files.readString(console.resolve("index.html")));
        assertThat(m.find()).isTrue();
        JsonNode imports = Json.newMapper().readTree(m.group(1)).get("imports");
        Set<String> keys = new TreeSet<>();
        imports.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> matches(Pattern pattern, String text, int group) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(group));
        }
        return found;
    }
}
