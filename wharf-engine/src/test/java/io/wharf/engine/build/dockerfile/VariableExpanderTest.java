package io.wharf.engine.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.errors.InvalidArgument;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpanderTest {
  static final Map<String, String> VARS = Map.of("NAME", "wharf", "EMPTY", "", "SPACED", "a  b", "PATH", "/usr/bin",
      "FILE", "/src/app.tar.gz");
  final VariableExpander expander = new VariableExpander('\\');

  String expand(String word) {
    return expander.expand(word, VARS);
  }

  @Test
  void plainAndBracedReferences() {
    assertThat(expand("$NAME-${NAME}_x $NAME_x")).isEqualTo("wharf-wharf_x ");
    assertThat(expand("$UNSET|${UNSET}|")).isEqualTo("||");
    assertThat(expand("cost: $ 5 and $")).isEqualTo("cost: $ 5 and $");
  }

  @Test
  void defaultForms() {
    assertThat(expand("${UNSET:-def}|${EMPTY:-def}|${NAME:-def}")).isEqualTo("def|def|wharf");
    assertThat(expand("${UNSET-def}|${EMPTY-def}|${NAME-def}")).isEqualTo("def||wharf");
    assertThat(expand("${UNSET:-$NAME/${PATH}}")).isEqualTo("wharf//usr/bin");
  }

  @Test
  void alternativeForms() {
    assertThat(expand("${UNSET:+alt}|${EMPTY:+alt}|${NAME:+alt}")).isEqualTo("||alt");
    assertThat(expand("${UNSET+alt}|${EMPTY+alt}|${NAME+alt}")).isEqualTo("|alt|alt");
  }

  @Test
  void errorForms() {
    assertThat(expand("${NAME:?must be set}")).isEqualTo("wharf");
    assertThat(expand("${EMPTY?x}")).isEmpty();
    assertThatThrownBy(() -> expand("${UNSET:?must be set}")).isInstanceOf(InvalidArgument.class)
        .hasMessage("failed to process \"${UNSET:?must be set}\": UNSET: must be set");
    assertThatThrownBy(() -> expand("${EMPTY:?}")).hasMessageEndingWith("EMPTY: is not allowed to be empty");
    assertThatThrownBy(() -> expand("${UNSET?}")).hasMessageEndingWith("UNSET: is not allowed to be unset");
  }

  @Test
  void patternRemovalAndReplacement() {
    assertThat(expand("${FILE#*/}|${FILE##*/}|${FILE%.*}|${FILE%%.*}")).isEqualTo("src/app.tar.gz|app.tar.gz"
        + "|/src/app.tar|/src/app");
    assertThat(expand("${PATH/usr/opt}|${FILE//a/A}")).isEqualTo("/opt/bin|/src/App.tAr.gz");
  }

  @Test
  void escapesAndQuotes() {
    assertThat(expand("\\$NAME")).isEqualTo("$NAME");
    assertThat(expand("'$NAME' \"$NAME\" \"\\$NAME\" \"a\\b\"")).isEqualTo("$NAME wharf $NAME a\\b");
    assertThat(expand("\"it's\" 'say \"hi\"'")).isEqualTo("it's say \"hi\"");
    assertThat(new VariableExpander('`').expand("`$NAME \\$NAME", VARS)).isEqualTo("$NAME \\wharf");
  }

  @Test
  void expandWordsSplitsAfterSubstitutionButNeverInsideQuotes() {
    assertThat(expander.expandWords("80/tcp  $SPACED \"$SPACED\" 'x y'", VARS))
        .containsExactly("80/tcp", "a", "b", "a  b", "x y");
    assertThat(expander.expandWords("${UNSET} $EMPTY", VARS)).isEmpty();
    assertThat(expander.expandWords("a\\ b c", VARS)).containsExactly("a b", "c");
  }

  @Test
  void syntaxErrorsInDockersWords() {
    assertThatThrownBy(() -> expand("${}")).hasMessageEndingWith("syntax error: bad substitution");
    assertThatThrownBy(() -> expand("${NAME")).hasMessageEndingWith("syntax error: missing '}'");
    assertThatThrownBy(() -> expand("${NAME:-x")).hasMessageEndingWith("syntax error: missing '}'");
    assertThatThrownBy(() -> expand("${NAME:x}")).hasMessageEndingWith("unsupported modifier (:x) in substitution");
    assertThatThrownBy(() -> expand("'open")).hasMessageEndingWith(
        "unexpected end of statement while looking for matching single-quote");
    assertThatThrownBy(() -> expand("\"open")).hasMessageEndingWith(
        "unexpected end of statement while looking for matching double-quote");
  }

  @Test
  void theInstructionsDockerExpands() {
    assertThat(VariableExpander.EXPANDING_INSTRUCTIONS).contains("FROM", "ENV", "ARG", "COPY", "WORKDIR")
        .doesNotContain("RUN", "CMD", "ENTRYPOINT", "ONBUILD");
    assertThat(VariableExpander.expands("workdir")).isTrue();
    assertThat(VariableExpander.expands("onbuild")).isFalse();
  }

  @Test
  void expanderFollowsTheEscapeDirectiveOfTheFile() {
    Dockerfile file = DockerfileParserTest.parse("# escape=`", "FROM busybox");
    assertThat(VariableExpander.of(file).expand("C:\\$NAME`$", VARS)).isEqualTo("C:\\wharf$");
  }
}
