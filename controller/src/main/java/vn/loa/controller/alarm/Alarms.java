package vn.loa.controller.alarm;

/**
 * Conditions an operator must see until they pass: a dead or silent relay, failed plays. Raising an alarm that is
 * already raised only refreshes it.
 */
public interface Alarms {

    /**
     * @param key     identifies the condition, so that clearing it later names the same alarm ("relay:b123")
     * @param kind    short machine-readable category ("relay-dead", "relay-silent", "play-failed")
     * @param subject what it concerns ("broadcast:b123", "device:abc")
     * @param message plain words for the operator
     */
    void raise(String key, String kind, String subject, String message);

    void clear(String key);
}
