package io.wharf.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTest {
  @Test
  void bothShapesFlattenAlike() {
    assertThat(Filters.parse("{\"label\":{\"a=b\":true},\"dangling\":{\"true\":true}}"))
        .isEqualTo(Map.of("label", List.of("a=b"), "dangling", List.of("true")));
    assertThat(Filters.parse("{\"label\":[\"a=b\"]}")).isEqualTo(Map.of("label", List.of("a=b")));
    assertThat(Filters.parse(null)).isEmpty();
    assertThat(Filters.parse(Filters.toJson(Map.of("reference", List.of("x*"))))).isEqualTo(Map.of("reference", List.of("x*")));
  }

  @Test
  void malformedFiltersAreInvalid() {
    assertThatThrownBy(() -> Filters.parse("{nope")).isInstanceOf(InvalidArgument.class);
    assertThatThrownBy(() -> Filters.parse("[1]")).isInstanceOf(InvalidArgument.class);
  }

  @Test
  void versionsOutsideTheRangeGetDockersText() {
    assertThatThrownBy(() -> ApiVersion.parse("1.45").checkSupported())
        .hasMessage("client version 1.45 is too new. Maximum supported API version is 1.44");
    assertThatThrownBy(() -> ApiVersion.parse("1.12").checkSupported())
        .hasMessage("client version 1.12 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version");
    assertThat(ApiVersion.parse("1.41").checkSupported()).isEqualTo(new ApiVersion(1, 41));
  }
}
