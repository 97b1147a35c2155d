package vn.loa.broker.acl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.metrics.BrokerMetrics;
import vn.loa.broker.util.RateLimitedWarning;
import vn.loa.protocol.codec.RejectReason;

import java.time.Duration;

/**
 * Counts and logs refused publishes and subscriptions. Every refusal is logged at debug; a warning goes out at
 * most once per {@link #WARN_INTERVAL}, with how many refusals it stands for, so a misbehaving fleet cannot flood
 * the log.
 */
public final class RefusalLog {
    public static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

    private final BrokerMetrics metrics;
    private final RateLimitedWarning warning = new RateLimitedWarning(WARN_INTERVAL);

    public RefusalLog(BrokerMetrics metrics) {
        this.metrics = metrics;
    }

    /** @param action "publish" or "subscribe" */
    public void refused(String action, String clientId, String topic) {
        metrics.rejected(RejectReason.NOT_ALLOWED);
        log.debug("Refused {} by client '{}' on '{}'", action, clientId, topic);
        long refusals = warning.occurred();
        if (refusals > 0) {
            log.warn("Refused {} by client '{}' on '{}' ({} refusals since the last warning)", action, clientId,
                    topic, refusals);
        }
    }
}
