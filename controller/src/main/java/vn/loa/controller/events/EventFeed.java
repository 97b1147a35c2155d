package vn.loa.controller.events;

import java.util.Map;

/** Pushes what happens (broadcasts starting and ending, emergencies, alarms) to consoles watching in real time. */
public interface EventFeed {

    /**
     * @param type what happened ("broadcast.started", "emergency.started", "alarm.raised", ...)
     * @param data the event's fields, serialised as JSON
     */
    void publish(String type, Map<String, ?> data);
}
