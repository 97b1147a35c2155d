package vn.loa.broker.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.SessionStorage;
import vn.loa.broker.tls.TlsKeystore;
import vn.loa.protocol.codec.PayloadLimits;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HiveMqConfigTest {
    @TempDir
    Path dir;

    @Test
    void writtenConfigIsValidForHiveMqAndCarriesLoasLimits() throws Exception {
        TlsKeystore keystore = new TlsKeystore(dir.resolve("a&b <p12>"), "pass\"word'&", dir.resolve("server.crt"),
                "AA:BB");
        HiveMqConfig.write(dir.resolve("conf"), "127.0.0.1", new ListenerPorts(1883, 8883), keystore,
                SessionStorage.FILE);
        String xml = Files.readString(dir.resolve("conf").resolve(HiveMqConfig.FILE_NAME));

        validateAgainstHiveMqSchema(xml);

        assertThat(xml).contains("<max-packet-size>" + PayloadLimits.MAX_PACKET_BYTES + "</max-packet-size>")
                .contains("<max-client-id-length>" + HiveMqConfig.MAX_CLIENT_ID_LENGTH + "</max-client-id-length>")
                .contains("<max-topic-length>" + HiveMqConfig.MAX_TOPIC_LENGTH + "</max-topic-length>")
                .contains("<max-queue-size>" + HiveMqConfig.MAX_QUEUED_MESSAGES_PER_CLIENT + "</max-queue-size>")
                .contains("<port>1883</port>", "<port>8883</port>", "<mode>file</mode>")
                .contains("pass&quot;word&apos;&amp;", "a&amp;b &lt;p12&gt;")
                .containsPattern("<anonymous-usage-statistics>\\s*<enabled>false</enabled>");
    }

    @Test
    void sessionsKeptInMemoryIsAValidConfigToo() throws Exception {
        String xml = HiveMqConfig.render("0.0.0.0", new ListenerPorts(1883, ListenerPorts.DISABLED), null,
                SessionStorage.MEMORY);

        validateAgainstHiveMqSchema(xml);
        assertThat(xml).contains("<mode>in-memory</mode>").doesNotContain("<mode>file</mode>");
    }

    @Test
    void tlsListenerIsLeftOutWhenDisabled() {
        String xml = HiveMqConfig.render("0.0.0.0", new ListenerPorts(1883, ListenerPorts.DISABLED), null,
                SessionStorage.MEMORY);
        assertThat(xml).contains("<tcp-listener>").doesNotContain("tls-tcp-listener");
    }

    private static void validateAgainstHiveMqSchema(String xml) throws Exception {
        URL schema = HiveMqConfig.class.getResource("/config.xsd");
        assertThat(schema).as("HiveMQ's config.xsd on the classpath").isNotNull();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }
}
