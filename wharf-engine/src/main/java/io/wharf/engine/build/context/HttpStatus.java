package io.wharf.engine.build.context;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bits of HTTP that Go's client gives Docker and Java's does not: the status line's reason
 * phrase ({@code http.StatusText}), {@code http.ParseTime}'s three date formats, and the
 * filename parameter of {@code Content-Disposition}. Stateless.
 */
final class HttpStatus {
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
      Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
      Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
      Map.entry(413, "Request Entity Too Large"), Map.entry(414, "Request URI Too Long"),
      Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Requested Range Not Satisfiable"),
      Map.entry(417, "Expectation Failed"), Map.entry(418, "I'm a teapot"), Map.entry(421, "Misdirected Request"),
      Map.entry(422, "Unprocessable Entity"), Map.entry(423, "Locked"), Map.entry(424, "Failed Dependency"),
      Map.entry(425, "Too Early"), Map.entry(426, "Upgrade Required"), Map.entry(428, "Precondition Required"),
      Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
      Map.entry(451, "Unavailable For Legal Reasons"), Map.entry(500, "Internal Server Error"),
      Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"),
      Map.entry(506, "Variant Also Negotiates"), Map.entry(507, "Insufficient Storage"),
      Map.entry(508, "Loop Detected"), Map.entry(510, "Not Extended"),
      Map.entry(511, "Network Authentication Required"));
  private static final DateTimeFormatter RFC850 = new DateTimeFormatterBuilder()
      .appendPattern("EEEE, dd-MMM-")
      .appendValueReduced(ChronoField.YEAR, 2, 2, 1969) // as Go: 69-99 are 19xx
      .appendPattern(" HH:mm:ss 'GMT'")
      .toFormatter(Locale.US);
  private static final DateTimeFormatter ANSI_C = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
  private static final Pattern FILENAME =
      Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");

  private HttpStatus() {}

  /** {@code "404 Not Found"}: the code and its standard reason phrase. */
  static String line(int status) {
    String reason = REASONS.get(status);
    return reason == null ? String.valueOf(status) : status + " " + reason;
  }

  /** The time a {@code Last-Modified} header gives, or the epoch when there is none or it cannot be read. */
  static FileTime lastModified(String header) {
    if (header == null) {
      return FileTime.from(Instant.EPOCH);
    }
    String value = header.strip();
    try {
      return FileTime.from(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      // next format
    }
    for (DateTimeFormatter format : new DateTimeFormatter[] {RFC850, ANSI_C}) {
      try {
        return FileTime.from(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        // next format
      }
    }
    return FileTime.from(Instant.EPOCH);
  }

  /** The {@code filename} parameter of a {@code Content-Disposition} header, or null. */
  static String dispositionFilename(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = FILENAME.matcher(header);
    if (!m.find()) {
      return null;
    }
    return m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
  }
}
