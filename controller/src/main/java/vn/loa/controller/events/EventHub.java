package vn.loa.controller.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.http.ApiException;

/**
 * The live event feed: every published event goes, serialised once, into the queue of each watching console that
 * may see it (see {@link EventScope}). Publishing never blocks: each console has a bounded queue drained by its own
 * writer, and a console whose queue overflows is dropped (its browser reconnects and reloads what it shows).
 */
public final class EventHub implements EventFeed, AutoCloseable {
    /** Consoles watching at once; one more is refused with 503. */
    public static final int MAX_CLIENTS = 200;
    /** Events waiting for one console before it counts as too slow and is dropped. */
    public static final int CLIENT_QUEUE_EVENTS = 1_000;
    /** Largest event (its JSON); a larger one is not sent, and logged. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    /** A comment line sent when nothing else was, so proxies and the server's idle timeout keep the stream open. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /**
     * The first event on every stream, sent once the console is attached: from then on it misses nothing, so it is
     * the moment to (re)load what it shows.
     */
    public static final String READY_EVENT = "ready";

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final ObjectMapper mapper;
    private final Duration heartbeat;
    private final Set<EventClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger slots = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger writers = new AtomicInteger();
    private final Counter published;
    private final Counter dropped;
    private volatile boolean closed;

    public EventHub(ObjectMapper mapper, MeterRegistry meters) {
        this(mapper, meters, HEARTBEAT);
    }

    /** With a heartbeat of the caller's choosing, so tests see one without waiting 15 s. */
    EventHub(ObjectMapper mapper, MeterRegistry meters, Duration heartbeat) {
        this.mapper = mapper;
        this.heartbeat = heartbeat;
        this.published = Counter.builder("loa.events.published").description("events published on the live feed")
                .register(meters);
        this.dropped = Counter.builder("loa.events.clients.dropped")
                .description("consoles dropped from the live feed for reading too slowly").register(meters);
        Gauge.builder("loa.events.clients", clients, Set::size).description("consoles watching the live feed")
                .register(meters);
    }

    @Override
    public void publish(String type, Map<String, ?> data) {
        if (closed) {
            return;
        }
        String json;
        try {
            json = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            LOG.error("event {} cannot be written as JSON; not sent", type, e);
            return;
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            LOG.error("event {} is over {} bytes; not sent", type, MAX_EVENT_BYTES);
            return;
        }
        published.increment();
        boolean aboutArea = data.containsKey(EventScope.AREA_PATH);
        Object path = data.get(EventScope.AREA_PATH);
        EventClient.Frame frame = new EventClient.Frame(type, json, Long.toString(sequence.incrementAndGet()));
        for (EventClient client : clients) {
            if (EventScope.visible(client.scopePrefix(), path == null ? null : path.toString(), aboutArea)
                    && !client.offer(frame)) {
                drop(client);
            }
        }
    }

    /** Holds a place for one more console, or refuses it with 503 when {@link #MAX_CLIENTS} are watching. */
    public void reserve() {
        if (slots.incrementAndGet() > MAX_CLIENTS || closed) {
            slots.decrementAndGet();
            throw new ApiException(503, "too many consoles are watching the live feed", Map.of("max", MAX_CLIENTS));
        }
    }

    /** Gives back a place {@link #reserve() reserved} for a console that has stopped (or never started) watching. */
    public void release() {
        slots.decrementAndGet();
    }

    /**
     * Starts feeding a console that {@link #reserve() reserved} its place, until it goes away or its session no
     * longer stands ({@code signedIn} is asked before every event and heartbeat).
     */
    public void attach(SseClient sse, String scopePrefix, BooleanSupplier signedIn) {
        sse.keepAlive();
        EventClient client = new EventClient(sse, scopePrefix, signedIn, CLIENT_QUEUE_EVENTS, heartbeat, () -> {
            clients.removeIf(c -> c.sse() == sse);
            release();
        });
        client.offer(new EventClient.Frame(READY_EVENT, "{}", Long.toString(sequence.get())));
        clients.add(client);
        client.start("loa-events-" + writers.incrementAndGet());
    }

    /** Consoles watching now. */
    public int clients() {
        return clients.size();
    }

    @Override
    public void close() {
        closed = true;
        clients.forEach(EventClient::stop);
        clients.clear();
    }

    private void drop(EventClient client) {
        if (clients.remove(client)) {
            dropped.increment();
            LOG.warn("dropped a live-feed console that reads too slowly ({} events queued)", CLIENT_QUEUE_EVENTS);
            client.stop();
        }
    }
}
