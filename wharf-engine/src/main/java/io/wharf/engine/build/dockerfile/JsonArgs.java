package io.wharf.engine.build.dockerfile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.wharf.oci.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's test for the exec (JSON) form: the arguments are JSON when, after leading white space,
 * they start with {@code [} and the whole text is one JSON array. Anything that is not valid JSON
 * is shell form; a valid array holding anything but strings is an error. Thread-safe.
 */
final class JsonArgs {
  private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonArgs() {}

  /** The strings of the array, or empty when {@code text} is shell form. */
  static Optional<List<String>> parse(String text) {
    String trimmed = GoText.trimLeft(text);
    if (!trimmed.startsWith("[")) {
      return Optional.empty();
    }
    JsonNode array;
    try {
      array = READER.readTree(trimmed);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (array == null || !array.isArray()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        throw new SyntaxFailure("when using JSON array syntax, arrays must be comprised of strings only");
      }
      values.add(element.textValue());
    }
    return Optional.of(List.copyOf(values));
  }
}
