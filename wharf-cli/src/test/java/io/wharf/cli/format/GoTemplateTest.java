package io.wharf.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoTemplateTest {
  private static final Map<String, Object> IMAGE = new LinkedHashMap<>();

  static {
    IMAGE.put("Id", "sha256:abc");
    IMAGE.put("Size", 1982365L);
    IMAGE.put("RepoTags", List.of("busybox:latest", "x:1"));
    IMAGE.put("Config", new LinkedHashMap<>(Map.of("Cmd", List.of("sh"), "Labels", Map.of("b", "2", "a", "1"))));
    IMAGE.put("Empty", List.of());
    IMAGE.put("Nothing", null);
  }

  private static String run(String template) {
    return GoTemplate.parse(template).execute(IMAGE);
  }

  @Test
  void fieldsPrintAsGoPrintsThem() {
    assertThat(run("{{.Id}} {{.Size}} {{.Config.Cmd}}")).isEqualTo("sha256:abc 1982365 [sh]");
    assertThat(run("{{.Config.Labels}}")).isEqualTo("map[a:1 b:2]");
    assertThat(run("{{.Nothing}}|{{.Missing}}")).isEqualTo("<nil>|<no value>");
  }

  @Test
  void dockerFunctions() {
    assertThat(run("{{json .Config.Cmd}}")).isEqualTo("[\"sh\"]");
    assertThat(run("{{join .RepoTags \", \"}}")).isEqualTo("busybox:latest, x:1");
    assertThat(run("{{upper .Id}} {{lower \"AB\"}} {{title \"hello world\"}}")).isEqualTo("SHA256:ABC ab Hello World");
    assertThat(run("{{split \"a,b\" \",\"}}")).isEqualTo("[a b]");
    assertThat(run("{{truncate .Id 6}}|{{pad \"x\" 1 2}}|")).isEqualTo("sha256| x  |");
    assertThat(GoTemplate.parse("{{json .}}").execute("<&>")).isEqualTo("\"\\u003c\\u0026\\u003e\"");
  }

  @Test
  void controlStructures() {
    assertThat(run("{{range .RepoTags}}[{{.}}]{{end}}")).isEqualTo("[busybox:latest][x:1]");
    assertThat(run("{{range $i, $t := .RepoTags}}{{$i}}={{$t}} {{end}}")).isEqualTo("0=busybox:latest 1=x:1 ");
    assertThat(run("{{range $k, $v := .Config.Labels}}{{$k}}{{$v}}{{end}}")).isEqualTo("a1b2");
    assertThat(run("{{range .Empty}}x{{else}}none{{end}}")).isEqualTo("none");
    assertThat(run("{{if .Empty}}yes{{else if .Size}}size{{else}}no{{end}}")).isEqualTo("size");
    assertThat(run("{{with .Config}}{{.Cmd}}{{end}}")).isEqualTo("[sh]");
    assertThat(run("{{$x := .Id}}{{$x}}")).isEqualTo("sha256:abc");
    assertThat(run("{{if and .Size (not .Empty)}}ok{{end}}")).isEqualTo("ok");
    assertThat(run("{{if eq (index .RepoTags 1) \"x:1\"}}eq{{end}} {{len .RepoTags}}")).isEqualTo("eq 2");
    assertThat(run("{{printf \"%-8s|%5d\" \"ab\" 42}}")).isEqualTo("ab      |   42");
  }

  @Test
  void whitespaceTrimming() {
    assertThat(run("a  {{- .Id -}}  b\n")).isEqualTo("asha256:abcb\n");
    assertThat(run("{{/* a comment */}}x")).isEqualTo("x");
  }

  @Test
  void errorsUseGosWording() {
    assertThatThrownBy(() -> GoTemplate.parse("{{.Id")).hasMessage("template: :1: unclosed action");
    assertThatThrownBy(() -> GoTemplate.parse("{{nosuch .Id}}")).hasMessage("template: :1: function \"nosuch\" not defined");
    assertThatThrownBy(() -> GoTemplate.parse("{{if .Id}}x")).hasMessage("template: :1: unexpected EOF");
  }
}
