package io.wharf.cli.commands;

import io.wharf.api.Filters;
import io.wharf.cli.format.GoTemplate;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code wharf events}: the daemon's events as they come (after those of {@code --since}),
 * until {@code --until} or Ctrl-C, each on a line as docker prints it or through
 * {@code --format}.
 */
public final class EventsCommand extends WharfCommand {
  /** docker's {@code rfc3339NanoFixed}: nanoseconds always nine digits, {@code Z} for UTC. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

  @Flag(names = {"-f", "--filter"}, label = "filter", description = "Filter output based on conditions provided")
  List<String> filters = new java.util.ArrayList<>();

  @Flag(names = "--format", label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = "--since", label = "string", description = "Show all events created since timestamp")
  String since;

  @Flag(names = "--until", label = "string", description = "Stream events until this timestamp")
  String until;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Get real time events from the server";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    GoTemplate template = template(format);
    Map<String, List<String>> filter = new TreeMap<>(FilterFlags.parse(filters));
    Map<String, Object> query = new LinkedHashMap<>();
    if (since != null && !since.isEmpty()) {
      query.put("since", time(since));
    }
    if (until != null && !until.isEmpty()) {
      query.put("until", time(until));
    }
    if (!filter.isEmpty()) {
      query.put("filters", Filters.toJson(filter));
    }
    PrintStream out = ctx.out();
    try (Response events = ctx.client().get(EngineClient.path("/events", query))) {
      events.messages(message -> {
        out.print(template == null ? line(message, ZoneId.systemDefault())
            : template.execute(new Message(message)) + "\n");
        out.flush();
      });
    }
    return 0;
  }

  /** The {@code --format} template, or null for docker's own lines; a bad one is docker's exit 64. */
  static GoTemplate template(String format) {
    if (format == null || format.isEmpty()) {
      return null;
    }
    try {
      GoTemplate template = GoTemplate.parse(format.equals("json") ? "{{json .}}" : format);
      template.execute(new Message(Map.of())); // as docker: a template must run on an empty event
      return template;
    } catch (IllegalArgumentException e) {
      throw new UsageError("Error parsing format: " + e.getMessage(), 64);
    }
  }

  /** {@code --since 10m}, RFC 3339 or Unix seconds, as the docker CLI sends it: Unix seconds. */
  private static String time(String value) {
    try {
      return LogsCommand.unixTime(value);
    } catch (UsageError e) {
      throw new UsageError("failed to parse value as time or duration: \"" + value + "\"", 1);
    }
  }

  /**
   * docker's line: {@code 2026-11-25T23:59:01.123456789Z container start 0123… (image=busybox, name=web)},
   * the time in {@code zone}, the attributes sorted by key.
   */
  static String line(Map<String, Object> message, ZoneId zone) {
    StringBuilder line = new StringBuilder();
    long timeNano = message.get("timeNano") instanceof Number n ? n.longValue() : 0;
    long time = message.get("time") instanceof Number n ? n.longValue() : 0;
    if (timeNano != 0) {
      line.append(TIME.format(Instant.ofEpochSecond(0, timeNano).atZone(zone))).append(' ');
    } else if (time != 0) {
      line.append(TIME.format(Instant.ofEpochSecond(time).atZone(zone))).append(' ');
    }
    Map<?, ?> actor = message.get("Actor") instanceof Map<?, ?> m ? m : Map.of();
    line.append(text(message.get("Type"))).append(' ').append(text(message.get("Action"))).append(' ')
        .append(text(actor.get("ID")));
    if (actor.get("Attributes") instanceof Map<?, ?> attributes && !attributes.isEmpty()) {
      List<String> pairs = new java.util.ArrayList<>();
      new TreeMap<>(attributes).forEach((k, v) -> pairs.add(k + "=" + text(v)));
      line.append(" (").append(String.join(", ", pairs)).append(')');
    }
    return line.append('\n').toString();
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  /**
   * An event for a template: the wire message (what {@code {{json .}}} prints), whose fields
   * also answer to the names of Go's {@code events.Message} ({@code .Status}, {@code .ID},
   * {@code .From}, {@code .Scope}, {@code .Time}, {@code .TimeNano}), zero when absent.
   */
  static final class Message extends LinkedHashMap<String, Object> {
    private static final Map<String, String> GO_NAMES = Map.of("Status", "status", "ID", "id", "From", "from",
        "Type", "Type", "Action", "Action", "Actor", "Actor", "Scope", "scope", "Time", "time", "TimeNano", "timeNano");
    private static final Map<String, Object> ZERO = Map.of("Status", "", "ID", "", "From", "", "Type", "",
        "Action", "", "Actor", Map.of("ID", "", "Attributes", Map.of()), "Scope", "", "Time", 0L, "TimeNano", 0L);

    Message(Map<String, Object> wire) {
      super(wire);
    }

    @Override
    public Object get(Object key) {
      if (super.containsKey(key)) {
        return super.get(key);
      }
      String wire = GO_NAMES.get(key);
      return wire != null && super.containsKey(wire) ? super.get(wire) : ZERO.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return super.containsKey(key) || GO_NAMES.containsKey(key);
    }
  }
}
