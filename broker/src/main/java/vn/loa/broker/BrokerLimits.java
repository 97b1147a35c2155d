package vn.loa.broker;

import java.time.Duration;

/**
 * How much work the broker's own threads take on. The defaults suit a province (10,000 speakers on two cores);
 * tests may shorten the authentication timeout.
 *
 * @param authTimeout          a client whose credentials are not checked within this is refused
 * @param authThreads          threads that run {@link ClientAuthenticator} (slow password hashes)
 * @param authQueueCapacity    connects waiting for an authentication thread; beyond this a client is refused
 *                             at once as "server busy" and retries later
 * @param inboundStripes       single-threaded dispatch stripes; a client always uses the same one
 * @param inboundQueueCapacity messages waiting per stripe; beyond this they are dropped as overloaded
 */
public record BrokerLimits(Duration authTimeout, int authThreads, int authQueueCapacity, int inboundStripes,
                           int inboundQueueCapacity) {
    public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    public static final int AUTH_THREADS = 4;
    public static final int AUTH_QUEUE_CAPACITY = 2_000;
    public static final int INBOUND_STRIPES = 4;
    public static final int INBOUND_QUEUE_CAPACITY = 4_096;

    public static final BrokerLimits DEFAULTS = new BrokerLimits(AUTH_TIMEOUT, AUTH_THREADS, AUTH_QUEUE_CAPACITY,
            INBOUND_STRIPES, INBOUND_QUEUE_CAPACITY);

    public BrokerLimits {
        if (authTimeout.isNegative() || authTimeout.isZero()) {
            throw new IllegalArgumentException("authTimeout must be positive: " + authTimeout);
        }
        requirePositive("authThreads", authThreads);
        requirePositive("authQueueCapacity", authQueueCapacity);
        requirePositive("inboundStripes", inboundStripes);
        requirePositive("inboundQueueCapacity", inboundQueueCapacity);
    }

    public BrokerLimits withAuthTimeout(Duration timeout) {
        return new BrokerLimits(timeout, authThreads, authQueueCapacity, inboundStripes, inboundQueueCapacity);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
