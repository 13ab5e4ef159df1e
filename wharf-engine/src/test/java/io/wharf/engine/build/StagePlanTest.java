package io.wharf.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.engine.build.dockerfile.Dockerfile;
import io.wharf.engine.build.dockerfile.DockerfileParser;
import io.wharf.oci.errors.InvalidArgument;
import org.junit.jupiter.api.Test;

class StagePlanTest {
  private static final String MULTI = String.join("\n",
      "ARG BASE=busybox",
      "FROM ${BASE} AS deps",
      "RUN echo deps",
      "FROM busybox AS unused",
      "RUN echo never",
      "FROM deps AS build",
      "COPY --from=0 /a /a",
      "FROM busybox AS tools",
      "FROM busybox",
      "COPY --from=build /a /a",
      "COPY --from=Tools /t /t",
      "");

  private static Dockerfile parse(String text) {
    return DockerfileParser.parse(text, "Dockerfile");
  }

  @Test
  void lastStageNeedsOnlyWhatItBuildsOnOrCopiesFrom() {
    StagePlan plan = StagePlan.of(parse(MULTI), null);
    assertThat(plan.metaArgs()).hasSize(1);
    assertThat(plan.stages()).hasSize(5);
    assertThat(plan.needed()).containsExactly(0, 2, 3, 4);
    // meta ARG + (FROM, RUN) + (FROM, COPY) + (FROM) + (FROM, COPY, COPY)
    assertThat(plan.totalSteps()).isEqualTo(1 + 2 + 2 + 1 + 3);
  }

  @Test
  void targetStopsAtAMiddleStageCaseInsensitively() {
    StagePlan plan = StagePlan.of(parse(MULTI), "BUILD");
    assertThat(plan.needed()).containsExactly(0, 2);
    assertThat(plan.needed().getLast()).isEqualTo(2);
  }

  @Test
  void unknownTargetIsRefusedInDockersWords() {
    assertThatThrownBy(() -> StagePlan.of(parse(MULTI), "nosuch")).isInstanceOf(InvalidArgument.class)
        .hasMessage("failed to reach build target nosuch in Dockerfile");
  }

  @Test
  void stageCannotReferToALaterStage() {
    StagePlan plan = StagePlan.of(parse("FROM busybox\nCOPY --from=later /x /x\nFROM busybox AS later\n"), "0");
    assertThat(StagePlan.indexOf(plan.stages(), "later", 0)).isEqualTo(-1);
  }
}
