package io.wharf.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain values ({@code Map}, {@code List}, String, Long, Double, Boolean, null), read
 * and written with Jackson's streaming core only: the data model of templates, and no
 * object-mapper to set up, which a CLI command would pay for at every start. Thread-safe.
 */
public final class JsonValues {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** Go's encoding/json escapes {@code <}, {@code >} and {@code &}; docker's output shows it. */
  private static final CharacterEscapes GO_ESCAPES = new CharacterEscapes() {
    private final int[] escapes = standardAsciiEscapesForJSON();

    {
      escapes['<'] = ESCAPE_CUSTOM;
      escapes['>'] = ESCAPE_CUSTOM;
      escapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return new SerializedString(String.format("\\u%04x", ch));
    }
  };

  private JsonValues() {}

  public static Object read(InputStream in) {
    try (JsonParser parser = FACTORY.createParser(in)) {
      return parser.nextToken() == null ? null : value(parser);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Object read(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return parser.nextToken() == null ? null : value(parser);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, value(parser));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser));
        }
        return list;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      default -> {
        return null;
      }
    }
  }

  /** Compact JSON, with Go's escaping of {@code <>&}. */
  public static String write(Object value) {
    return write(value, false);
  }

  /** JSON indented as Go's json.Indent with four spaces ({@code docker inspect}). */
  public static String pretty(Object value) {
    return write(value, true);
  }

  private static String write(Object value, boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.setCharacterEscapes(GO_ESCAPES);
      if (pretty) {
        Separators separators = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
        generator.setPrettyPrinter(new DefaultPrettyPrinter(separators)
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n")));
      }
      writeValue(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    switch (value) {
      case null -> g.writeNull();
      case Map<?, ?> map -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          writeValue(g, e.getValue());
        }
        g.writeEndObject();
      }
      case List<?> list -> {
        g.writeStartArray();
        for (Object item : list) {
          writeValue(g, item);
        }
        g.writeEndArray();
      }
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Long l -> g.writeNumber(l);
      case Integer i -> g.writeNumber(i);
      case Double d -> g.writeNumber(d);
      case Number n -> g.writeNumber(n.toString());
      default -> g.writeString(value.toString());
    }
  }
}
