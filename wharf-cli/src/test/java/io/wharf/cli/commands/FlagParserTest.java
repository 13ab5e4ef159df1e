package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagParserTest {
  static final class Sample {
    @Flag(names = {"-a", "--all"}) boolean all;
    @Flag(names = {"-q", "--quiet"}) boolean quiet;
    @Flag(names = {"-f", "--filter"}, label = "filter") List<String> filters = new ArrayList<>();
    @Flag(names = "--format", label = "string") String format;
    @Flag(names = {"-n", "--last"}, label = "int") int last = -1;
    @Flag(names = {"-H", "--human"}) boolean human = true;
  }

  @Test
  void parsesLikePflag() {
    Sample s = new Sample();
    List<String> rest = FlagParser.parse(s, new String[] {"-aq", "img", "-fdangling=true", "--filter", "label=x",
        "--format={{.ID}}", "-n", "3", "--human=false", "--", "-not-a-flag"});
    assertThat(s.all).isTrue();
    assertThat(s.quiet).isTrue();
    assertThat(s.filters).containsExactly("dangling=true", "label=x");
    assertThat(s.format).isEqualTo("{{.ID}}");
    assertThat(s.last).isEqualTo(3);
    assertThat(s.human).isFalse();
    assertThat(rest).containsExactly("img", "-not-a-flag");
  }

  @Test
  void errorsInPflagsWords() {
    assertThatThrownBy(() -> FlagParser.parse(new Sample(), new String[] {"--nope"})).hasMessage("unknown flag: --nope");
    assertThatThrownBy(() -> FlagParser.parse(new Sample(), new String[] {"-az"})).hasMessage("unknown shorthand flag: 'z' in -az");
    assertThatThrownBy(() -> FlagParser.parse(new Sample(), new String[] {"--format"})).hasMessage("flag needs an argument: --format");
    assertThatThrownBy(() -> FlagParser.parse(new Sample(), new String[] {"-n", "x"}))
        .hasMessage("invalid argument \"x\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"x\": invalid syntax")
        .satisfies(e -> assertThat(((WharfCommand.UsageError) e).exitCode()).isEqualTo(125));
  }
}
