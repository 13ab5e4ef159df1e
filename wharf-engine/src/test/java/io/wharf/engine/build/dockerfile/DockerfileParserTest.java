package io.wharf.engine.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
  static Dockerfile parse(String... lines) {
    return DockerfileParser.parse(String.join("\n", lines) + "\n", "Dockerfile");
  }

  static Instruction only(Dockerfile file, String keyword) {
    return file.instructions().stream().filter(i -> i.keyword().equals(keyword)).findFirst().orElseThrow();
  }

  @Test
  void continuationJoinsLinesAsDockerDoesAndKeepsTheIndentOfLaterLines() {
    Dockerfile file = parse("FROM busybox", "RUN echo a \\", "    && echo b \\  ", "\t&& echo c", "USER me");
    Instruction run = only(file, "RUN");
    assertThat(run.text()).isEqualTo("echo a     && echo b \t&& echo c");
    assertThat(run.args()).containsExactly("echo a     && echo b \t&& echo c");
    assertThat(run.json()).isFalse();
    assertThat(run.startLine()).isEqualTo(2);
    assertThat(run.endLine()).isEqualTo(4);
    assertThat(run.original()).isEqualTo("RUN echo a     && echo b \t&& echo c");
    assertThat(only(file, "USER").startLine()).isEqualTo(5);
  }

  @Test
  void escapedEscapeAtEndOfLineIsNotAContinuation() {
    Dockerfile file = parse("FROM busybox", "RUN echo foo\\\\", "USER me");
    assertThat(only(file, "RUN").text()).isEqualTo("echo foo\\\\");
    assertThat(file.instructions()).hasSize(3);
  }

  @Test
  void commentLinesInsideAContinuationAreSkipped() {
    Dockerfile file =
        parse("FROM busybox", "RUN apt-get install \\", "  # the compiler", "    gcc \\", "#x", "    make");
    Instruction run = only(file, "RUN");
    assertThat(run.text()).isEqualTo("apt-get install     gcc     make");
    assertThat(run.endLine()).isEqualTo(6);
    assertThat(file.warnings()).isEmpty();
  }

  @Test
  void blankLinesInsideAContinuationAreSkippedWithAWarning() {
    Dockerfile file = parse("FROM busybox", "RUN echo a \\", "", "   ", "  b");
    assertThat(only(file, "RUN").text()).isEqualTo("echo a   b");
    assertThat(file.warnings()).singleElement().satisfies(w -> {
      assertThat(w.message()).startsWith("Empty continuation line found in: RUN echo a   b");
      assertThat(w.line()).isEqualTo(5);
    });
  }

  @Test
  void crlfLinesAndAByteOrderMarkAreAccepted() {
    Dockerfile file = DockerfileParser.parse("\uFEFF# syntax=docker/dockerfile:1\r\nFROM busybox\r\nRUN echo a \\\r\n"
        + "  b\r\nCMD [\"sh\"]\r\n", "Dockerfile");
    assertThat(file.directive("syntax")).contains("docker/dockerfile:1");
    assertThat(only(file, "RUN").text()).isEqualTo("echo a   b");
    assertThat(only(file, "CMD").args()).containsExactly("sh");
  }

  @Test
  void syntaxDirectiveIsKeptAndDockerFrontendsAreNotWarnedAbout() {
    Dockerfile file = parse("# syntax=docker/dockerfile:1.7", "# check=skip=all", "FROM busybox");
    assertThat(file.directives()).extracting(Directive::name, Directive::value, Directive::line)
        .containsExactly(tuple("syntax", "docker/dockerfile:1.7", 1),
            tuple("check", "skip=all", 2));
    assertThat(file.warnings()).isEmpty();
  }

  @Test
  void unknownSyntaxFrontendIsIgnoredWithAWarning() {
    Dockerfile file = parse("#SYNTAX = example.com/frontend:v2", "FROM busybox");
    assertThat(file.directive("syntax")).contains("example.com/frontend:v2");
    assertThat(file.warnings()).singleElement().satisfies(w -> {
      assertThat(w.line()).isEqualTo(1);
      assertThat(w.message()).contains("\"example.com/frontend:v2\" ignored");
    });
  }

  @Test
  void directivesAfterACommentBlankLineOrInstructionAreComments() {
    assertThat(parse("# a comment", "# escape=`", "FROM busybox").directives()).isEmpty();
    assertThat(parse("", "# escape=`", "FROM busybox").escape()).isEqualTo('\\');
    assertThat(parse("FROM busybox", "# syntax=docker/dockerfile:1").directives()).isEmpty();
    assertThat(parse("# unknown=1", "# escape=`", "FROM busybox").directives()).isEmpty();
  }

  @Test
  void backtickEscapeDirectiveForWindowsStyleFiles() {
    Dockerfile file = parse("# escape=`", "FROM mcr.microsoft.com/windows/servercore", "COPY testfile.txt c:\\",
        "RUN dir c:\\ `", "    && echo done", "ENV DIR=c:\\temp\\");
    assertThat(file.escape()).isEqualTo('`');
    assertThat(file.directive("escape")).contains("`");
    assertThat(only(file, "COPY").args()).containsExactly("testfile.txt", "c:\\");
    assertThat(only(file, "RUN").text()).isEqualTo("dir c:\\     && echo done");
    assertThat(only(file, "ENV").pairs()).containsExactly(new KeyValue("DIR", "c:\\temp\\"));
  }

  @Test
  void instructionKeywordsAreCaseInsensitive() {
    Dockerfile file = parse("from busybox As Build", "Run echo hi", "cmd [\"sh\"]");
    assertThat(file.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "CMD");
    assertThat(only(file, "FROM").stageName()).isEqualTo("build");
  }

  @Test
  void jsonFormNeedsAValidArrayOtherwiseItIsShellForm() {
    Dockerfile file = parse("FROM busybox", "CMD [\"echo\", \"a b\"]", "ENTRYPOINT [\"sh\", \"-c\"", "RUN [ \"ls\" ] x",
        "SHELL [\"/bin/bash\", \"-c\"]", "RUN []");
    List<Instruction> all = file.instructions();
    assertThat(all.get(1).json()).isTrue();
    assertThat(all.get(1).args()).containsExactly("echo", "a b");
    assertThat(all.get(2).json()).isFalse();
    assertThat(all.get(2).args()).containsExactly("[\"sh\", \"-c\"");
    assertThat(all.get(3).json()).isFalse();
    assertThat(all.get(3).text()).isEqualTo("[ \"ls\" ] x");
    assertThat(all.get(4).args()).containsExactly("/bin/bash", "-c");
    assertThat(all.get(5).json()).isTrue();
    assertThat(all.get(5).args()).isEmpty();
  }

  @Test
  void argBeforeFromIsAMetaArg() {
    Dockerfile file = parse("ARG VERSION=1.36 OTHER", "FROM busybox:${VERSION}", "ARG VERSION");
    assertThat(file.metaArgs()).singleElement().satisfies(arg -> assertThat(arg.pairs())
        .containsExactly(new KeyValue("VERSION", "1.36"), new KeyValue("OTHER", null)));
    assertThat(file.instructions().get(2).pairs()).containsExactly(new KeyValue("VERSION", null));
  }

  @Test
  void argDefaultsKeepTheirQuotesUntilExpanded() {
    Instruction arg = parse("ARG GREETING=\"hello world\" EMPTY=", "FROM busybox").instructions().getFirst();
    assertThat(arg.pairs()).containsExactly(new KeyValue("GREETING", "\"hello world\""), new KeyValue("EMPTY", ""));
    assertThat(new VariableExpander('\\').expand(arg.pairs().getFirst().value(), Map.of())).isEqualTo("hello world");
  }

  @Test
  void envAcceptsSeveralQuotedPairsPerLine() {
    Instruction env = only(parse("FROM busybox", "ENV A=1 B=\"v 2\" C='x y' D=a\\ b E="), "ENV");
    assertThat(env.pairs()).containsExactly(new KeyValue("A", "1"), new KeyValue("B", "\"v 2\""),
        new KeyValue("C", "'x y'"), new KeyValue("D", "a\\ b"), new KeyValue("E", ""));
    assertThat(env.args()).containsExactly("A", "1", "B", "\"v 2\"", "C", "'x y'", "D", "a\\ b", "E", "");
    VariableExpander expander = new VariableExpander('\\');
    assertThat(env.pairs()).extracting(p -> expander.expand(p.value(), Map.of()))
        .containsExactly("1", "v 2", "x y", "a b", "");
  }

  @Test
  void legacyEnvTakesTheRestOfTheLineAsTheValueWithAWarning() {
    Dockerfile file = parse("FROM busybox", "ENV PATH /usr/local/bin:$PATH  with  spaces");
    assertThat(only(file, "ENV").pairs()).containsExactly(new KeyValue("PATH", "/usr/local/bin:$PATH  with  spaces"));
    assertThat(file.warnings()).extracting(DockerfileWarning::message)
        .containsExactly("\"ENV key=value\" should be used instead of legacy \"ENV key value\" format");
  }

  @Test
  void labelPairs() {
    Instruction label = only(parse("FROM busybox", "LABEL org.opencontainers.image.title=\"Wharf image\" \\",
        "      version=1.0 \"with space\"=yes"), "LABEL");
    assertThat(label.pairs()).containsExactly(new KeyValue("org.opencontainers.image.title", "\"Wharf image\""),
        new KeyValue("version", "1.0"), new KeyValue("\"with space\"", "yes"));
  }

  @Test
  void fromWithPlatformAndStageName() {
    Instruction from = only(parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS Builder"), "FROM");
    assertThat(from.flags()).containsExactly(Map.entry("platform", "$BUILDPLATFORM"));
    assertThat(from.args()).containsExactly("golang:1.22", "AS", "Builder");
    assertThat(from.stageName()).isEqualTo("builder");
    assertThat(only(parse("FROM scratch"), "FROM").stageName()).isNull();
  }

  @Test
  void copyAndAddFlagsAreParsedInOrder() {
    Dockerfile file = parse("FROM busybox", "COPY --from=build --chown=app:app --chmod=755 --link /out /bin/",
        "ADD --link=false --checksum=sha256:abc https://example.com/a.tgz /tmp/",
        "COPY [\"a file\", \"/dst dir/\"]");
    Instruction copy = file.instructions().get(1);
    assertThat(copy.flags()).containsExactly(Map.entry("from", "build"), Map.entry("chown", "app:app"),
        Map.entry("chmod", "755"), Map.entry("link", "true"));
    assertThat(copy.flag("from")).isEqualTo("build");
    assertThat(copy.args()).containsExactly("/out", "/bin/");
    assertThat(file.instructions().get(2).flag("link")).isEqualTo("false");
    assertThat(file.instructions().get(3).args()).containsExactly("a file", "/dst dir/");
    assertThat(file.instructions().get(3).json()).isTrue();
  }

  @Test
  void runMountFlagMayRepeat() {
    Instruction run = only(parse("FROM busybox",
        "RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=npm --network=none make"), "RUN");
    assertThat(run.flagValues("mount")).containsExactly("type=cache,target=/root/.cache", "type=secret,id=npm");
    assertThat(run.flag("network")).isEqualTo("none");
    assertThat(run.text()).isEqualTo("make");
  }

  @Test
  void quotedFlagValuesLoseTheirQuotes() {
    Instruction copy = only(parse("FROM busybox", "COPY --chown=\"app user\" a b"), "COPY");
    assertThat(copy.flag("chown")).isEqualTo("app user");
  }

  @Test
  void exposeAndVolumeAreLists() {
    Dockerfile file = parse("FROM busybox", "EXPOSE 80/tcp 443 \\", "  53/udp", "VOLUME /data /logs",
        "VOLUME [\"/var/lib/app\", \"/srv\"]");
    assertThat(only(file, "EXPOSE").args()).containsExactly("80/tcp", "443", "53/udp");
    assertThat(file.instructions().get(2).args()).containsExactly("/data", "/logs");
    assertThat(file.instructions().get(3).args()).containsExactly("/var/lib/app", "/srv");
    assertThat(file.instructions().get(3).json()).isTrue();
  }

  @Test
  void singleTextInstructionsKeepTheRestAsOneArgument() {
    Dockerfile file = parse("FROM busybox", "MAINTAINER Jane Doe <jane@example.com>", "WORKDIR /my app",
        "USER 1000:1000", "STOPSIGNAL SIGKILL");
    assertThat(only(file, "MAINTAINER").args()).containsExactly("Jane Doe <jane@example.com>");
    assertThat(only(file, "WORKDIR").args()).containsExactly("/my app");
    assertThat(only(file, "USER").args()).containsExactly("1000:1000");
    assertThat(only(file, "STOPSIGNAL").args()).containsExactly("SIGKILL");
    assertThat(file.warnings()).extracting(DockerfileWarning::message, DockerfileWarning::line)
        .containsExactly(tuple(
            "Maintainer instruction is deprecated in favor of using label", 2));
  }

  @Test
  void onbuildWrapsAnotherInstruction() {
    Instruction onbuild = only(parse("FROM busybox", "ONBUILD COPY --chown=1:1 [\"a\", \"/b\"]"), "ONBUILD");
    assertThat(onbuild.text()).isEqualTo("COPY --chown=1:1 [\"a\", \"/b\"]");
    assertThat(onbuild.args()).containsExactly("COPY", "a", "/b");
    Instruction trigger = onbuild.trigger();
    assertThat(trigger.keyword()).isEqualTo("COPY");
    assertThat(trigger.flag("chown")).isEqualTo("1:1");
    assertThat(trigger.json()).isTrue();
    assertThat(trigger.startLine()).isEqualTo(2);
  }

  @Test
  void healthcheckNoneAndCmdWithFlags() {
    Dockerfile file = parse("FROM busybox", "HEALTHCHECK NONE",
        "HEALTHCHECK --interval=30s --timeout=1m30s --start-period=5s --retries=3 CMD curl -f http://localhost/",
        "HEALTHCHECK CMD [\"/bin/check\", \"--quick\"]");
    Instruction none = file.instructions().get(1);
    assertThat(none.args()).containsExactly("NONE");
    Instruction shell = file.instructions().get(2);
    assertThat(shell.flags()).containsExactly(Map.entry("interval", "30s"), Map.entry("timeout", "1m30s"),
        Map.entry("start-period", "5s"), Map.entry("retries", "3"));
    assertThat(shell.args()).containsExactly("CMD", "curl -f http://localhost/");
    assertThat(shell.json()).isFalse();
    Instruction exec = file.instructions().get(3);
    assertThat(exec.args()).containsExactly("CMD", "/bin/check", "--quick");
    assertThat(exec.json()).isTrue();
  }

  @Test
  void doubleDashEndsTheFlags() {
    Instruction run = only(parse("FROM busybox", "RUN -- --version"), "RUN");
    assertThat(run.flags()).isEmpty();
    assertThat(run.text()).isEqualTo("--version");
  }

  @Test
  void commentsAndBlankLinesBetweenInstructionsAreIgnored() {
    Dockerfile file = parse("# build", "", "   # indented comment", "FROM busybox", "", "   RUN true  ", "#end");
    assertThat(file.instructions()).extracting(Instruction::keyword, Instruction::startLine)
        .containsExactly(tuple("FROM", 4), tuple("RUN", 6));
    assertThat(only(file, "RUN").text()).isEqualTo("true");
  }
}
