package io.wharf.engine.image;

import io.wharf.engine.state.ImageRow;
import io.wharf.oci.ImageReference;
import io.wharf.oci.errors.InvalidArgument;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filters of {@code docker images} and {@code docker image prune}: {@code dangling},
 * {@code reference}, {@code label}, {@code before}, {@code since}, {@code until}. Values of one
 * filter are alternatives (any may match); different filters must all match, as in Docker.
 */
final class ImageFilters {
  private static final Set<String> LIST_FILTERS = Set.of("dangling", "reference", "label", "before", "since", "until");
  private final ImageCatalog catalog;

  ImageFilters(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  Predicate<ImageRow> of(Map<String, List<String>> filters) {
    Predicate<ImageRow> all = row -> true;
    for (Map.Entry<String, List<String>> filter : (filters == null ? Map.<String, List<String>>of() : filters).entrySet()) {
      if (!LIST_FILTERS.contains(filter.getKey())) {
        throw new InvalidArgument("invalid filter '" + filter.getKey() + "'");
      }
      List<String> values = filter.getValue();
      Predicate<ImageRow> one = switch (filter.getKey()) {
        case "dangling" -> dangling(values);
        case "reference" -> row -> values.stream().anyMatch(v -> matchesReference(row, v));
        case "label" -> row -> values.stream().anyMatch(v -> hasLabel(row, v));
        case "before" -> {
          Instant limit = createdOf(values);
          yield row -> created(row).isBefore(limit);
        }
        case "since" -> {
          Instant limit = createdOf(values);
          yield row -> created(row).isAfter(limit);
        }
        default -> {
          Instant limit = FilterTime.until(values.getFirst());
          yield row -> created(row).isBefore(limit);
        }
      };
      all = all.and(one);
    }
    return all;
  }

  private static Predicate<ImageRow> dangling(List<String> values) {
    if (values.size() != 1 || !(values.getFirst().equalsIgnoreCase("true") || values.getFirst().equalsIgnoreCase("false")
        || values.getFirst().equals("1") || values.getFirst().equals("0"))) {
      throw new InvalidArgument("invalid filter 'dangling=" + String.join(",", values) + "'");
    }
    boolean want = values.getFirst().equalsIgnoreCase("true") || values.getFirst().equals("1");
    return row -> row.tags().isEmpty() == want;
  }

  private static boolean matchesReference(ImageRow row, String pattern) {
    return !matchingTags(ImageCatalog.familiar(row.tags()), List.of(pattern)).isEmpty();
  }

  /**
   * The familiar tags that match any of {@code patterns}: Docker matches the familiar name,
   * and name:tag, against each pattern as a path glob.
   */
  static List<String> matchingTags(List<String> familiarTags, List<String> patterns) {
    List<PathMatcher> matchers = patterns.stream()
        .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
    List<String> matching = new java.util.ArrayList<>();
    for (String tag : familiarTags) {
      ImageReference ref = ImageReference.parse(tag);
      if (matchers.stream().anyMatch(m -> m.matches(Path.of(ref.familiarName())) || m.matches(Path.of(ref.familiarString())))) {
        matching.add(tag);
      }
    }
    return matching;
  }

  private boolean hasLabel(ImageRow row, String filter) {
    var config = catalog.config(row.id()).config();
    Map<String, String> labels = config == null || config.labels() == null ? Map.of() : config.labels();
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return labels.containsKey(filter);
    }
    return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }

  private Instant created(ImageRow row) {
    return ImageCatalog.created(catalog.config(row.id()));
  }

  private Instant createdOf(List<String> values) {
    return created(catalog.resolve(values.getFirst()));
  }
}
