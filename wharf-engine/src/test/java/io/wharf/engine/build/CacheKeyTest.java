package io.wharf.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.oci.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  private static final Digest PARENT = Digest.of("parent".getBytes());
  private static final Digest INPUTS = Digest.of("files".getBytes());

  @Test
  void sameParentInstructionAndInputsGiveTheSameDigest() {
    assertThat(new CacheKey(PARENT, List.of("RUN", "/bin/sh", "-c", "echo hi"), null).digest())
        .isEqualTo(new CacheKey(PARENT, List.of("RUN", "/bin/sh", "-c", "echo hi"), null).digest());
  }

  @Test
  void anyDifferenceGivesAnotherDigest() {
    CacheKey base = new CacheKey(PARENT, List.of("COPY", "a", "/b"), INPUTS);
    assertThat(new CacheKey(null, base.instruction(), INPUTS).digest()).isNotEqualTo(base.digest());
    assertThat(new CacheKey(PARENT, List.of("COPY", "a", "/c"), INPUTS).digest()).isNotEqualTo(base.digest());
    assertThat(new CacheKey(PARENT, base.instruction(), Digest.of("other".getBytes())).digest())
        .isNotEqualTo(base.digest());
    assertThat(new CacheKey(PARENT, base.instruction(), null).digest()).isNotEqualTo(base.digest());
  }

  @Test
  void partsCannotBeShuffledAcrossBoundaries() {
    assertThat(new CacheKey(PARENT, List.of("RUN", "a b"), null).digest())
        .isNotEqualTo(new CacheKey(PARENT, List.of("RUN", "a", "b"), null).digest());
    assertThat(new CacheKey(PARENT, List.of("RUN", "a\nb"), null).digest())
        .isNotEqualTo(new CacheKey(PARENT, List.of("RUN", "a", "b"), null).digest());
  }
}
