package vn.loa.controller;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import vn.loa.controller.config.ConfigException;
import vn.loa.controller.config.LoaConfig;
import vn.loa.controller.server.LoaServer;

/** Starts the Loa server: {@code java -jar loa-server.jar [--config FILE]}. */
public final class Main {
    /** System property logback.xml reads for the log directory. */
    static final String LOG_DIR_PROPERTY = "loa.log.dir";

    private Main() {
    }

    public static void main(String[] args) {
        LoaConfig config;
        try {
            config = LoaConfig.load(configFileFrom(args), System.getenv());
        } catch (ConfigException e) {
            // logging is not set up yet: its directory comes from the configuration
            System.err.println("loa: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.setProperty(LOG_DIR_PROPERTY, config.dataDir().resolve("logs").toString());
        Logger log = LoggerFactory.getLogger(Main.class);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        LoaServer server;
        try {
            server = new LoaServer(config).start();
        } catch (RuntimeException e) {
            log.error("Loa could not start", e);
            System.err.println("loa: could not start: " + oneLine(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "loa-shutdown"));
        logWhereToLook(log, server);
    }

    private static Path configFileFrom(String[] args) {
        if (args.length == 0) {
            return null;
        }
        if (args.length == 2 && args[0].equals("--config")) {
            return Path.of(args[1]);
        }
        throw new ConfigException("unexpected arguments " + String.join(" ", args) + " (usage: loa-server [--config FILE])");
    }

    private static void logWhereToLook(Logger log, LoaServer server) {
        LoaConfig config = server.config();
        String host = config.httpHost().equals("0.0.0.0") ? "localhost" : config.httpHost();
        String base = "http://" + host + ":" + server.httpPort();
        log.info("Loa {} is running", LoaServer.version());
        log.info("  API:       {}/api (description: {}/api/openapi.json)", base, base);
        log.info("  Health:    {}/api/health   Metrics: {}/metrics", base, base);
        log.info("  MQTT port: {} (TLS {})   RTP port: {}", config.mqttPort(),
                config.mqttTlsPort() == LoaConfig.DISABLED_PORT ? "off" : config.mqttTlsPort(), server.rtpPort());
        log.info("  Data dir:  {} (logs in {})", server.dataDir(), server.dataDir().resolve("logs"));
        if (config.adminPassword().isPresent()) {
            log.info("  Admin:     user 'admin', password from admin.password");
        } else if (Files.exists(server.adminPasswordFile())) {
            log.info("  Admin:     user 'admin', password in {}", server.adminPasswordFile());
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return (e == root ? message : e.getMessage() + ": " + message).replace('\n', ' ');
    }
}
