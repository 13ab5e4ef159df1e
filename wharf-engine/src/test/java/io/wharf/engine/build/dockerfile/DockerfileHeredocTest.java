package io.wharf.engine.build.dockerfile;

import static io.wharf.engine.build.dockerfile.DockerfileParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerfileHeredocTest {
  @Test
  void runHeredocBodyFollowsTheLine() {
    Dockerfile file = parse("FROM busybox", "RUN <<EOF", "echo hello", "  echo $HOME", "EOF", "USER me");
    Instruction run = file.instructions().get(1);
    assertThat(run.text()).isEqualTo("<<EOF");
    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "echo hello\n  echo $HOME\n", true, false));
    assertThat(run.startLine()).isEqualTo(2);
    assertThat(run.endLine()).isEqualTo(5);
    assertThat(file.instructions().get(2).startLine()).isEqualTo(6);
  }

  @Test
  void quotedDelimiterTurnsExpansionOff() {
    Dockerfile file = parse("FROM busybox", "RUN <<'EOF'", "echo $HOME", "EOF", "RUN <<\"END\" bash", "x", "END",
        "RUN <<E\"O\"F", "y", "EOF");
    assertThat(file.instructions().get(1).heredocs()).containsExactly(new Heredoc("EOF", "echo $HOME\n", false, false));
    assertThat(file.instructions().get(2).heredocs()).containsExactly(new Heredoc("END", "x\n", false, false));
    assertThat(file.instructions().get(3).heredocs()).containsExactly(new Heredoc("EOF", "y\n", false, false));
  }

  @Test
  void dashDelimiterStripsLeadingTabsFromBodyAndTerminator() {
    Instruction run = parse("FROM busybox", "RUN <<-EOF", "\t\techo a", "\t  echo b", "  \techo c", "\tEOF")
        .instructions().get(1);
    assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "echo a\n  echo b\n  \techo c\n", true, true));
  }

  @Test
  void twoHeredocsOnOneRunAreReadInOrder() {
    Instruction run = parse("FROM busybox", "RUN <<FILE1 cat > /a && <<FILE2 cat > /b", "one", "FILE1", "two",
        "more", "FILE2").instructions().get(1);
    assertThat(run.heredocs()).containsExactly(new Heredoc("FILE1", "one\n", true, false),
        new Heredoc("FILE2", "two\nmore\n", true, false));
    assertThat(run.endLine()).isEqualTo(7);
  }

  @Test
  void copyHeredocToADestination() {
    Instruction copy = parse("FROM busybox", "COPY --chmod=644 <<EOF /etc/motd", "Welcome", "", "# not a comment",
        "EOF").instructions().get(1);
    assertThat(copy.args()).containsExactly("<<EOF", "/etc/motd");
    assertThat(copy.flag("chmod")).isEqualTo("644");
    assertThat(copy.heredocs()).containsExactly(new Heredoc("EOF", "Welcome\n\n# not a comment\n", true, false));
  }

  @Test
  void heredocAfterAContinuation() {
    Instruction run = parse("FROM busybox", "RUN --network=none \\", "  <<EOF sh", "true", "EOF")
        .instructions().get(1);
    assertThat(run.flag("network")).isEqualTo("none");
    assertThat(run.heredocs()).extracting(Heredoc::content).containsExactly("true\n");
  }

  @Test
  void jsonFormAndOtherInstructionsHaveNoHeredocs() {
    Dockerfile file = parse("FROM busybox", "RUN [\"cat\", \"<<EOF\"]", "CMD cat <<EOF", "USER me");
    assertThat(file.instructions()).allSatisfy(i -> assertThat(i.heredocs()).isEmpty());
    assertThat(file.instructions()).hasSize(4);
  }

  @Test
  void onbuildRunHeredoc() {
    Instruction onbuild = parse("FROM busybox", "ONBUILD RUN <<EOF", "echo child", "EOF").instructions().get(1);
    assertThat(onbuild.heredocs()).extracting(Heredoc::name).containsExactly("EOF");
    assertThat(onbuild.trigger().heredocs()).extracting(Heredoc::content).containsExactly("echo child\n");
  }

  @Test
  void crlfHeredocBodyUsesLineFeeds() {
    Dockerfile file = DockerfileParser.parse("FROM busybox\r\nRUN <<EOF\r\necho a\r\nEOF\r\n", "Dockerfile");
    assertThat(file.instructions().get(1).heredocs()).extracting(Heredoc::content).containsExactly("echo a\n");
  }
}
