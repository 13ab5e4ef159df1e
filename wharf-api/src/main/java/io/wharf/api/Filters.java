package io.wharf.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code filters} query parameter in both of its shapes: {@code {"label":{"a=b":true}}}
 * (the docker CLI) and {@code {"label":["a=b"]}} (docker-java, compose), flattened to
 * name → values. Stateless.
 */
public final class Filters {
  private Filters() {}

  public static Map<String, List<String>> parse(String json) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return filters;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new InvalidArgument("invalid filter: " + json);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidArgument("invalid filter: " + json);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      List<String> values = new ArrayList<>();
      JsonNode v = field.getValue();
      if (v.isArray()) {
        v.forEach(item -> values.add(item.asText()));
      } else if (v.isObject()) {
        v.fieldNames().forEachRemaining(values::add);
      } else {
        throw new InvalidArgument("invalid filter: " + json);
      }
      filters.put(field.getKey(), values);
    }
    return filters;
  }

  /**
   * The docker CLI's shape, for requests; written with Jackson's streaming core, so that a
   * client need not set up an object mapper.
   */
  public static String toJson(Map<String, List<String>> filters) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (var json = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
        json.writeObjectFieldStart(filter.getKey());
        for (String value : filter.getValue()) {
          json.writeBooleanField(value, true);
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString();
  }
}
