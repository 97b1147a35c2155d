package vn.loa.broker.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.codec.RejectReason;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters render under the Prometheus names the dashboards and the issue use. */
class BrokerMetricsTest {
    @Test
    void metersHaveTheirPrometheusNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BrokerMetrics metrics = new BrokerMetrics(registry);

        metrics.deviceMessageIn(DeviceTopic.TELEMETRY);
        metrics.provisionRequestIn();
        metrics.messageOut();
        metrics.rejected(RejectReason.NOT_ALLOWED);
        metrics.rejected(RejectReason.OVERLOADED);
        metrics.authenticated(true);
        metrics.authenticated(false);
        metrics.connectionOpened(new BrokerPrincipal.Device("spk-1"));
        metrics.connectionOpened(new BrokerPrincipal.Service("controller"));
        metrics.connectionClosed(new BrokerPrincipal.Service("controller"));

        assertThat(registry.scrape())
                .contains("loa_mqtt_messages_in_total{topic=\"tele\"} 1.0")
                .contains("loa_mqtt_messages_in_total{topic=\"prov\"} 1.0")
                .contains("loa_mqtt_messages_in_total{topic=\"state\"} 0.0")
                .contains("loa_mqtt_messages_out_total 1.0")
                .contains("loa_mqtt_rejected_total{reason=\"not-allowed\"} 1.0")
                .contains("loa_mqtt_rejected_total{reason=\"overloaded\"} 1.0")
                .contains("loa_mqtt_auth_total{result=\"ok\"} 1.0")
                .contains("loa_mqtt_auth_total{result=\"refused\"} 1.0")
                .contains("loa_mqtt_connections{kind=\"device\"} 1.0")
                .contains("loa_mqtt_connections{kind=\"service\"} 0.0")
                .contains("loa_mqtt_connections{kind=\"provisioning\"} 0.0");
    }

    @Test
    void aLaterBrokerOnTheSameRegistryOwnsTheConnectionGauge() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BrokerMetrics first = new BrokerMetrics(registry);
        first.connectionOpened(new BrokerPrincipal.Device("spk-1"));
        first.authenticated(true);

        BrokerMetrics second = new BrokerMetrics(registry);
        second.connectionOpened(new BrokerPrincipal.Device("spk-2"));
        second.connectionOpened(new BrokerPrincipal.Device("spk-3"));
        second.authenticated(true);

        assertThat(registry.scrape())
                .contains("loa_mqtt_connections{kind=\"device\"} 2.0")
                .contains("loa_mqtt_auth_total{result=\"ok\"} 2.0");
    }
}
