package io.wharf.engine.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: the parser directives found at its top (the {@code # syntax=} frontend is
 * recorded but Wharf always uses its own parser; {@code # check=} is recorded and otherwise
 * ignored), the escape character in force ({@code \} or {@code `}), the instructions in order
 * (ARGs before the first FROM included) and the warnings Docker would print.
 * Immutable and thread-safe.
 */
public record Dockerfile(
    String fileName,
    List<Directive> directives,
    char escape,
    List<Instruction> instructions,
    List<DockerfileWarning> warnings) {

  public Dockerfile {
    directives = List.copyOf(directives);
    instructions = List.copyOf(instructions);
    warnings = List.copyOf(warnings);
  }

  /** The value of directive {@code name} ({@code "syntax"}, {@code "escape"}, {@code "check"}). */
  public Optional<String> directive(String name) {
    return directives.stream().filter(d -> d.name().equals(name)).map(Directive::value).findFirst();
  }

  /** The ARG instructions before the first FROM: their values are in scope for every FROM line. */
  public List<Instruction> metaArgs() {
    return instructions.stream().takeWhile(i -> !i.keyword().equals("FROM")).toList();
  }
}
