package vn.loa.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Server-Sent Events client of the API on 127.0.0.1: reads the stream on its own thread and hands over
 * events and comments as they arrive.
 */
public final class EventStream implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An event ({@code type} set) or a comment line ({@code comment} set). */
    public record Message(String type, String data, String id, String comment) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private final Thread reader;

    private EventStream(Stream<String> lines) {
        this.lines = lines;
        this.reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens {@code path} with {@code Accept: text/event-stream}; {@code token} goes in the Authorization header when
     * not null. Fails unless the server answers 200 and the stream begins with the feed's {@code ready} event;
     * returns once that has come, so the stream misses nothing published afterwards.
     */
    public static EventStream open(int port, String path, String token) {
        HttpResponse<Stream<String>> response = request(port, path, token, "text/event-stream");
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().toList());
            throw new AssertionError("event stream refused: " + response.statusCode() + " " + body);
        }
        EventStream stream = new EventStream(response.body());
        Message first = stream.poll(System.nanoTime() + Duration.ofSeconds(10).toNanos());
        if (first == null || !"ready".equals(first.type())) {
            stream.close();
            throw new AssertionError("the feed did not begin with its ready event: " + first);
        }
        return stream;
    }

    /** The status a request for the stream gets (for refusals); the body is discarded. */
    public static int status(int port, String path, String token, String accept) {
        HttpResponse<Stream<String>> response = request(port, path, token, accept);
        response.body().close();
        return response.statusCode();
    }

    /** The next event of this type, skipping others and comments; fails after {@code deadline}. */
    public Message next(String type, Duration deadline) {
        return next(m -> type.equals(m.type()), type + " event", deadline);
    }

    /** The next comment line, skipping events; fails after {@code deadline}. */
    public String nextComment(Duration deadline) {
        return next(m -> m.comment() != null, "comment", deadline).comment();
    }

    /**
     * The types of the events that arrive before the next {@code marker} event: events reach a console in the order
     * they were published, so what is not here before a later marker never will be.
     */
    public List<String> typesBefore(String marker, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        List<String> types = new ArrayList<>();
        while (true) {
            Message m = poll(end);
            if (m == null) {
                throw new AssertionError("no " + marker + " event within " + deadline);
            }
            if (marker.equals(m.type())) {
                return types;
            }
            if (m.type() != null) {
                types.add(m.type());
            }
        }
    }

    private Message next(Predicate<Message> wanted, String what, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        for (Message m = poll(end); m != null; m = poll(end)) {
            if (wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no " + what + " within " + deadline);
    }

    /** The types of the events that arrive until the server closes the stream; fails if it is still open after {@code deadline}. */
    public List<String> typesUntilClosed(Duration deadline) {
        try {
            reader.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (reader.isAlive()) {
            throw new AssertionError("the stream is still open after " + deadline);
        }
        List<String> types = new ArrayList<>();
        received.forEach(m -> {
            if (m.type() != null) {
                types.add(m.type());
            }
        });
        return types;
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }

    private Message poll(long endNanos) {
        try {
            return received.poll(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void read() {
        String type = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (type != null || data.length() > 0) {
                        received.add(new Message(type == null ? "message" : type, data.toString(), id, null));
                    }
                    type = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    received.add(new Message(null, null, null, line.substring(1).strip()));
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // the stream ended or was closed
        }
    }

    private static HttpResponse<Stream<String>> request(int port, String path, String token, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
