package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code wharf logs}: the container's stdout to ours and its stderr to ours, as docker keeps them apart. */
public final class LogsCommand extends WharfCommand {
  @Flag(names = {"-f", "--follow"}, description = "Follow log output")
  boolean follow;

  @Flag(names = {"-n", "--tail"}, label = "string", description = "Number of lines to show from the end of the logs")
  String tail = "all";

  @Flag(names = "--since", label = "string",
      description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
  String since;

  @Flag(names = "--until", label = "string",
      description = "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
  String until;

  @Flag(names = {"-t", "--timestamps"}, description = "Show timestamps")
  boolean timestamps;

  @Override
  public String usageArgs() {
    return "[OPTIONS] CONTAINER";
  }

  @Override
  public String description() {
    return "Fetch the logs of a container";
  }

  /** A time as the docker CLI sends it: Unix seconds with nanoseconds, from RFC 3339, Unix seconds or a duration ago. */
  static String unixTime(String value) {
    java.time.Instant t;
    if (value.matches("\\d+(\\.\\d+)?")) {
      return value;
    } else if (isDuration(value)) {
      // a Go duration (10m, 1h30m, 1.5s): that long ago, as docker reads it
      t = java.time.Instant.now().minusNanos(io.wharf.cli.format.GoDuration.parseNanos(value));
    } else {
      try {
        t = java.time.OffsetDateTime.parse(value).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw new UsageError("invalid value for \"since\": failed to parse value as time or duration: \"" + value
            + "\"", 1);
      }
    }
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }

  private static boolean isDuration(String value) {
    try {
      io.wharf.cli.format.GoDuration.parseNanos(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 1);
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("stdout", 1);
    query.put("stderr", 1);
    if (follow) {
      query.put("follow", 1);
    }
    query.put("tail", tail);
    if (since != null) {
      query.put("since", unixTime(since));
    }
    if (until != null) {
      query.put("until", unixTime(until));
    }
    if (timestamps) {
      query.put("timestamps", 1);
    }
    try (Response logs = ctx.client().get(EngineClient.path("/containers/" + args.getFirst() + "/logs", query))) {
      Frames.copy(logs.body(), ctx.out(), ctx.err());
    }
    return 0;
  }
}
