package io.wharf.cli.format;

import java.util.List;

/** The parsed form of a template: text, actions and control structures. Immutable. */
sealed interface TemplateNode {
  /** Literal text. */
  record Text(String text) implements TemplateNode {}

  /** {@code {{pipeline}}}: prints the pipeline's value (unless it declares variables). */
  record Action(Pipeline pipeline) implements TemplateNode {}

  /** {@code if}, {@code with}: the body with the pipeline's value, else the other branch. */
  record Branch(String keyword, Pipeline pipeline, List<TemplateNode> body, List<TemplateNode> otherwise)
      implements TemplateNode {}

  /** {@code range}: the body once per element, else the other branch when empty. */
  record Range(Pipeline pipeline, List<TemplateNode> body, List<TemplateNode> otherwise) implements TemplateNode {}

  /** Commands joined by {@code |}, optionally declaring ({@code :=}) or assigning ({@code =}) variables. */
  record Pipeline(List<String> variables, boolean declare, List<Command> commands) {}

  /** One command: a function and its arguments, or a single operand. */
  record Command(List<Operand> operands) {}

  /** An argument of a command. */
  sealed interface Operand {}

  /** {@code .A.B} on the current value ({@code .} alone when fields is empty). */
  record Field(List<String> fields) implements Operand {}

  /** {@code $x.A.B}; {@code $} is the top-level value. */
  record Variable(String name, List<String> fields) implements Operand {}

  /** A string, number, boolean or nil constant. */
  record Constant(Object value) implements Operand {}

  /** A function name. */
  record Function(String name) implements Operand {}

  /** {@code (pipeline).A.B}. */
  record Nested(Pipeline pipeline, List<String> fields) implements Operand {}
}
