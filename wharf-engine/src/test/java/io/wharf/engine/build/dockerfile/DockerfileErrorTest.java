package io.wharf.engine.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wharf.oci.errors.InvalidArgument;
import org.junit.jupiter.api.Test;

class DockerfileErrorTest {
  static InvalidArgument failure(String... lines) {
    return catchThrowableOfType(InvalidArgument.class,
        () -> DockerfileParser.parse(String.join("\n", lines) + "\n", "Dockerfile"));
  }

  static void assertFails(String message, String... lines) {
    InvalidArgument error = failure(lines);
    assertThat(error).as("parsing %s", String.join(" / ", lines)).isNotNull();
    assertThat(error.getMessage()).isEqualTo(message);
  }

  @Test
  void unknownInstructionNamesTheFileAndLine() {
    InvalidArgument error = failure("FROM busybox", "", "RUNN echo hi");
    assertThat(error.getMessage()).isEqualTo("Dockerfile parse error line 3: unknown instruction: RUNN");
    assertThat(error.getCause()).isInstanceOfSatisfying(DockerfileException.class, e -> {
      assertThat(e.fileName()).isEqualTo("Dockerfile");
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.detail()).isEqualTo("unknown instruction: RUNN");
    });
  }

  @Test
  void errorInAContinuedInstructionNamesItsFirstLine() {
    InvalidArgument error = failure("FROM busybox", "COPY \\", "  onlyone");
    assertThat(error.getMessage()).isEqualTo("Dockerfile parse error line 2: COPY requires at least two arguments, "
        + "but only one was provided. Destination could not be determined");
    assertThat(((DockerfileException) error.getCause()).endLine()).isEqualTo(3);
  }

  @Test
  void theFileNameIsTheOneGiven() {
    InvalidArgument error = catchThrowableOfType(InvalidArgument.class,
        () -> DockerfileParser.parse("FROM a\nFOO\n", "build/Containerfile"));
    assertThat(error.getMessage()).isEqualTo("build/Containerfile parse error line 2: unknown instruction: FOO");
  }

  @Test
  void instructionsBeforeFromOtherThanArg() {
    assertFails("Dockerfile parse error line 2: no build stage in current context", "ARG A", "ENV A=1", "FROM x");
    assertFails("Dockerfile parse error line 1: no build stage in current context", "RUN true");
    assertFails("Dockerfile parse error line 2: dockerfile contains no stages to build", "ARG A", "ARG B");
    assertFails("Dockerfile parse error line 1: file with no instructions", "# just a comment");
  }

  @Test
  void keyValueErrors() {
    assertFails("Dockerfile parse error line 2: ENV names can not be blank", "FROM x", "ENV =value");
    assertFails("Dockerfile parse error line 2: ENV requires at least one argument", "FROM x", "ENV");
    assertFails("Dockerfile parse error line 2: ENV must have two arguments", "FROM x", "ENV ONLYKEY");
    assertFails("Dockerfile parse error line 2: LABEL requires at least one argument", "FROM x", "LABEL");
    assertFails("Dockerfile parse error line 2: Syntax error - can't find = in \"foo\". "
        + "Must be of the form: name=value",
        "FROM x", "LABEL a=b foo");
    assertFails("Dockerfile parse error line 1: ARG names can not be blank", "ARG =1", "FROM x");
    assertFails("Dockerfile parse error line 1: ARG requires at least one argument", "ARG", "FROM x");
  }

  @Test
  void flagErrors() {
    assertFails("Dockerfile parse error line 2: unknown flag: frm", "FROM x", "COPY --frm=build a b");
    assertFails("Dockerfile parse error line 2: unknown flag: from", "FROM x", "ADD --from=build a b");
    assertFails("Dockerfile parse error line 2: missing a value on flag: from", "FROM x", "COPY --from a b");
    assertFails("Dockerfile parse error line 2: duplicate flag specified: chown", "FROM x",
        "COPY --chown=a --chown=b a b");
    assertFails("Dockerfile parse error line 2: expecting boolean value for flag link, not: yes", "FROM x",
        "COPY --link=yes a b");
    assertFails("Dockerfile parse error line 2: unknown flag: chown", "FROM x", "USER --chown=a b");
  }

  @Test
  void argumentCountErrors() {
    assertFails("Dockerfile parse error line 2: WORKDIR requires exactly one argument", "FROM x", "WORKDIR");
    assertFails("Dockerfile parse error line 2: EXPOSE requires at least one argument", "FROM x", "EXPOSE");
    assertFails("Dockerfile parse error line 2: VOLUME requires at least one argument", "FROM x", "VOLUME");
    assertFails("Dockerfile parse error line 2: VOLUME specified can not be an empty string", "FROM x",
        "VOLUME [\"/a\", \" \"]");
    assertFails("Dockerfile parse error line 1: FROM requires either one or three arguments", "FROM a b");
    assertFails("Dockerfile parse error line 1: invalid name for build stage: \"1st\", name can't start with a number "
        + "or contain symbols", "FROM a AS 1st");
    assertFails("Dockerfile parse error line 2: COPY cannot accept a heredoc as a destination", "FROM x",
        "COPY a <<EOF", "EOF");
  }

  @Test
  void shellAndJsonErrors() {
    assertFails("Dockerfile parse error line 2: SHELL requires the arguments to be in JSON form", "FROM x",
        "SHELL /bin/bash -c");
    assertFails("Dockerfile parse error line 2: SHELL requires at least one argument", "FROM x", "SHELL []");
    assertFails("Dockerfile parse error line 2: when using JSON array syntax, arrays must be comprised of strings only",
        "FROM x", "CMD [\"sleep\", 10]");
  }

  @Test
  void onbuildErrors() {
    assertFails("Dockerfile parse error line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", "FROM x",
        "ONBUILD ONBUILD RUN true");
    assertFails("Dockerfile parse error line 2: FROM isn't allowed as an ONBUILD trigger", "FROM x",
        "ONBUILD FROM busybox");
    assertFails("Dockerfile parse error line 2: MAINTAINER isn't allowed as an ONBUILD trigger", "FROM x",
        "onbuild maintainer me");
    assertFails("Dockerfile parse error line 2: ONBUILD requires at least one argument", "FROM x", "ONBUILD");
  }

  @Test
  void healthcheckErrors() {
    assertFails("Dockerfile parse error line 2: HEALTHCHECK NONE takes no arguments", "FROM x", "HEALTHCHECK NONE x");
    assertFails("Dockerfile parse error line 2: Unknown type \"RUN\" in HEALTHCHECK (try CMD)", "FROM x",
        "HEALTHCHECK RUN true");
    assertFails("Dockerfile parse error line 2: Missing command after HEALTHCHECK CMD", "FROM x", "HEALTHCHECK CMD");
    assertFails("Dockerfile parse error line 2: Interval \"interval\" cannot be less than 1ms", "FROM x",
        "HEALTHCHECK --interval=10us CMD true");
    assertFails("Dockerfile parse error line 2: time: missing unit in duration \"10\"", "FROM x",
        "HEALTHCHECK --timeout=10 CMD true");
    assertFails("Dockerfile parse error line 2: --retries cannot be negative (-1)", "FROM x",
        "HEALTHCHECK --retries=-1 CMD true");
    assertFails("Dockerfile parse error line 2: unknown flag: intervall", "FROM x",
        "HEALTHCHECK --intervall=1s CMD true");
  }

  @Test
  void directiveErrors() {
    assertFails("Dockerfile parse error line 1: invalid escape token '$' does not match ` or \\", "# escape=$",
        "FROM x");
    assertFails("Dockerfile parse error line 2: only one escape parser directive can be used", "# escape=`",
        "# ESCAPE=\\", "FROM x");
  }

  @Test
  void unterminatedHeredoc() {
    assertFails("Dockerfile parse error line 2: unterminated heredoc", "FROM x", "RUN <<EOF", "echo");
    assertThat(((DockerfileException) failure("FROM x", "RUN <<EOF", "echo").getCause()).endLine()).isEqualTo(3);
  }
}
