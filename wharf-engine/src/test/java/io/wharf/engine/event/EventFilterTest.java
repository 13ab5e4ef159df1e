package io.wharf.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
  private static final Event START = new Event("container", "start", "0123abcd4567",
      Map.of("name", "web", "image", "busybox:1.36", "com.docker.compose.project", "shop"), 1);
  private static final Event HEALTHY = new Event("container", "health_status: healthy", "0123abcd4567",
      Map.of("name", "web", "image", "busybox"), 2);
  private static final Event TAG =
      new Event("image", "tag", "sha256:feed", Map.of("name", "registry.example/app:v1"), 3);
  private static final Event VOLUME = new Event("volume", "create", "data", Map.of("driver", "local"), 4);
  private static final Event CONNECT = new Event("network", "connect", "9f9f",
      Map.of("name", "bridge", "container", "0123abcd4567", "type", "bridge"), 5);

  private static EventFilter filter(String... keyValues) {
    Map<String, List<String>> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>()).add(keyValues[i + 1]);
    }
    return EventFilter.parse(values);
  }

  @Test
  void noFilterMatchesEverything() {
    assertThat(List.of(START, HEALTHY, TAG, VOLUME, CONNECT)).allMatch(EventFilter.NONE::matches);
  }

  @Test
  void valuesOfOneKeyAreAlternativesAndKeysMustAllMatch() {
    EventFilter f = filter("type", "image", "type", "volume");
    assertThat(List.of(START, HEALTHY, TAG, VOLUME, CONNECT).stream().filter(f::matches)).containsExactly(TAG, VOLUME);
    assertThat(filter("type", "container", "event", "die").matches(START)).isFalse();
  }

  @Test
  void healthStatusMatchesEveryHealthAction() {
    assertThat(filter("event", "health_status").matches(HEALTHY)).isTrue();
    assertThat(filter("event", "health_status: healthy").matches(HEALTHY)).isTrue();
    assertThat(filter("event", "start").matches(HEALTHY)).isFalse();
    assertThat(filter("event", "sta").matches(START)).isFalse(); // other actions match exactly
  }

  @Test
  void containerMatchesAPrefixOfTheIdOrTheName() {
    assertThat(filter("container", "0123").matches(START)).isTrue();
    assertThat(filter("container", "web").matches(START)).isTrue();
    assertThat(filter("container", "db").matches(START)).isFalse();
    // as in Docker, the filter applies to every event: a network event's actor is the network
    assertThat(filter("container", "web").matches(CONNECT)).isFalse();
  }

  @Test
  void imageMatchesWithOrWithoutTag() {
    assertThat(filter("image", "busybox").matches(START)).isTrue();
    assertThat(filter("image", "busybox:1.36").matches(START)).isTrue();
    assertThat(filter("image", "busybox:1.37").matches(START)).isFalse();
    assertThat(filter("image", "registry.example/app").matches(TAG)).isTrue();
    assertThat(filter("image", "sha256:feed").matches(TAG)).isTrue();
  }

  @Test
  void labelsMatchKeysOrKeyValuesOnTheAttributes() {
    assertThat(filter("label", "com.docker.compose.project").matches(START)).isTrue();
    assertThat(filter("label", "com.docker.compose.project=shop").matches(START)).isTrue();
    assertThat(filter("label", "com.docker.compose.project=other").matches(START)).isFalse();
    assertThat(filter("label", "com.docker.compose.project=shop", "label", "tier").matches(START)).isFalse();
  }

  @Test
  void volumeAndNetworkMatchTheirIdOrName() {
    assertThat(filter("volume", "data").matches(VOLUME)).isTrue();
    assertThat(filter("network", "bridge").matches(CONNECT)).isTrue();
    assertThat(filter("network", "host").matches(CONNECT)).isFalse();
  }

  @Test
  void anUnknownKeyIsInvalid() {
    assertThatThrownBy(() -> filter("colour", "red")).isInstanceOf(InvalidArgument.class)
        .hasMessage("invalid filter 'colour'");
  }
}
