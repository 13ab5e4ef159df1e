package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.event.Event;
import io.wharf.engine.event.EventFilter;
import io.wharf.engine.event.EventService;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /events}: Docker's event stream, one JSON message a line. Thread-safe. */
public final class EventRoutes {
  /** How often a quiet stream checks that its client is still there. */
  private static final Duration CLIENT_CHECK = Duration.ofSeconds(1);
  private final EventService events;

  public EventRoutes(EventService events) {
    this.events = events;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/events", this::events);
  }

  /**
   * The events of {@code [since, until]}, then new ones until {@code until} or until the client
   * goes away. The headers go out at once: the docker CLI waits for them before it shows
   * anything, and Compose before it starts the containers it follows.
   */
  private void events(ApiRequest request, ApiResponse response) throws IOException {
    long since = time(request, "since");
    long until = time(request, "until");
    if (until != 0 && until < since) {
      throw new InvalidArgument("`since` time (" + request.query("since") + ") cannot be after `until` time ("
          + request.query("until") + ")");
    }
    Map<String, List<String>> filters = request.filters();
    EventFilter.parse(filters); // a bad filter is a 400, not a stream that ends at once
    OutputStream out = response.stream(200, ApiResponse.JSON);
    ClientWatch watch = new ClientWatch(out, Thread.currentThread());
    try {
      events.subscribe(since, until, filters, e -> {
        out.write(line(e));
        out.flush();
      });
    } catch (InterruptedException e) {
      // the client went away while nothing happened
    } finally {
      watch.stop();
      out.close();
    }
  }

  /**
   * An event as Docker's JSON message, with the legacy {@code status}, {@code id} and
   * {@code from} of containers and images.
   */
  static Map<String, Object> message(Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (e.type().equals("container") || e.type().equals("image")) {
      m.put("status", e.action());
      m.put("id", e.actorId());
      String image = e.attributes().get("image");
      if (e.type().equals("container") && image != null) {
        m.put("from", image);
      }
    }
    m.put("Type", e.type());
    m.put("Action", e.action());
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("ID", e.actorId());
    actor.put("Attributes", e.attributes());
    m.put("Actor", actor);
    m.put("scope", "local");
    m.put("time", Math.floorDiv(e.timeNano(), 1_000_000_000L));
    m.put("timeNano", e.timeNano());
    return m;
  }

  private static byte[] line(Event e) throws IOException {
    byte[] json = Json.MAPPER.writeValueAsBytes(message(e));
    byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
    line[json.length] = '\n';
    return line;
  }

  /**
   * {@code since}/{@code until} in nanoseconds: Unix seconds with an optional fraction, as the
   * docker CLI sends them, or RFC 3339; absent, empty or 0 is 0 (none).
   */
  static long time(ApiRequest request, String name) {
    String value = request.query(name);
    if (value == null || value.isEmpty() || value.equals("0")) {
      return 0;
    }
    try {
      return new BigDecimal(value).movePointRight(9).longValue();
    } catch (NumberFormatException notSeconds) {
      try {
        var t = OffsetDateTime.parse(value).toInstant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
      } catch (DateTimeParseException notRfc3339) {
        throw new InvalidArgument("strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
      }
    }
  }

  /**
   * Ends a quiet stream whose client has gone: a subscription only writes when an event
   * comes, so without this a {@code docker events} left with Ctrl-C would hold its thread
   * until the next event. Writing no bytes to the response's stream writes nothing, but fails
   * once the connection is closed; then the subscribing thread is interrupted.
   */
  private static final class ClientWatch {
    private final Thread watcher;
    private boolean stopped;

    ClientWatch(OutputStream out, Thread subscriber) {
      watcher = Thread.ofVirtual().name("events-client-watch").start(() -> {
        try {
          while (true) {
            Thread.sleep(CLIENT_CHECK);
            out.write(new byte[0]);
          }
        } catch (IOException gone) {
          synchronized (this) {
            if (!stopped) {
              subscriber.interrupt();
            }
          }
        } catch (InterruptedException e) {
          // stopped
        }
      });
    }

    /** Stops watching; after this the subscribing thread is never interrupted. */
    void stop() {
      synchronized (this) {
        stopped = true;
      }
      watcher.interrupt();
      Thread.interrupted(); // an interruption that came just before is spent
    }
  }
}
