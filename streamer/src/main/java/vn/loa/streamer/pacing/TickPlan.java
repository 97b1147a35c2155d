package vn.loa.streamer.pacing;

/** One pacing tick: first skip {@code skip} overdue frames (time advances, nothing is sent), then send {@code send}. */
public record TickPlan(long skip, int send) {
    public static final TickPlan IDLE = new TickPlan(0, 0);
}
