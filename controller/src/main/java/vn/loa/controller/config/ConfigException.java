package vn.loa.controller.config;

/** A setting that cannot be used: the server refuses to start and says which key, which value and what is allowed. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
