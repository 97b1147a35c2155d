package vn.loa.broker;

/** The embedded broker could not start: a busy port, an unreadable keystore, a broker that failed to boot. */
public class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
