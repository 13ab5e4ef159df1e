package io.wharf.api;

import java.time.Duration;

/**
 * docker/go-units' {@code HumanDuration}: the phrase in a container's {@code Status}
 * ("Up 5 seconds") that the daemon builds, and in the CLI's "2 hours ago". Stateless.
 */
public final class HumanDuration {
  private HumanDuration() {}

  /** "Less than a second", "1 second", "About a minute", "2 hours", "3 weeks", "2 years". */
  public static String of(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = d.toMinutes();
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(d.toMillis() / 3_600_000.0);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return d.toHours() / 24 / 365 + " years";
  }
}
