package io.wharf.cli.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The docker CLI's {@code --format} values: empty (the command's default table),
 * {@code table} or {@code table TEMPLATE} (a header line, then aligned rows), {@code json}
 * (one JSON object a line), or a raw TEMPLATE (one rendering a row). {@code \t} and
 * {@code \n} written literally in the format are tabs and newlines, as in docker.
 * Immutable and thread-safe.
 */
public final class Formatter {
  private final boolean table;
  private final boolean json;
  private final GoTemplate template;
  private final String source;

  private Formatter(boolean table, boolean json, String source) {
    this.table = table;
    this.json = json;
    this.source = source;
    this.template = GoTemplate.parse(source);
  }

  public static Formatter of(String format, String defaultTableFormat) {
    String f = format == null || format.isBlank() ? defaultTableFormat : format;
    if (f.equals("table")) {
      f = defaultTableFormat;
    }
    boolean table = f.startsWith("table");
    boolean json = f.strip().toLowerCase(Locale.ROOT).equals("json");
    String body = table ? f.substring("table".length()) : json ? "{{json .}}" : f;
    body = body.strip().replace("\\t", "\t").replace("\\n", "\n");
    return new Formatter(table, json, body);
  }

  public boolean isTable() {
    return table;
  }

  public boolean isJson() {
    return json;
  }

  /** Renders {@code rows}; {@code headers} names the table's columns by field. */
  public void render(List<? extends Map<String, ?>> rows, Map<String, String> headers, Appendable out) {
    StringBuilder text = new StringBuilder();
    if (table) {
      Map<String, Object> header = new HashMap<>() {
        @Override
        public Object get(Object key) {
          return super.getOrDefault(key, String.valueOf(key).toUpperCase(Locale.ROOT));
        }

        @Override
        public boolean containsKey(Object key) {
          return true;
        }
      };
      header.putAll(headers);
      text.append(template.execute(header)).append('\n');
    }
    for (Map<String, ?> row : rows) {
      text.append(template.execute(row)).append('\n');
    }
    try {
      out.append(table ? TabWriter.docker().write(text.toString()).flush() : text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
