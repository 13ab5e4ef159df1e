package io.wharf.cli.format;

import io.wharf.cli.format.TemplateNode.Branch;
import io.wharf.cli.format.TemplateNode.Command;
import io.wharf.cli.format.TemplateNode.Constant;
import io.wharf.cli.format.TemplateNode.Field;
import io.wharf.cli.format.TemplateNode.Function;
import io.wharf.cli.format.TemplateNode.Nested;
import io.wharf.cli.format.TemplateNode.Operand;
import io.wharf.cli.format.TemplateNode.Pipeline;
import io.wharf.cli.format.TemplateNode.Range;
import io.wharf.cli.format.TemplateNode.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Go text/template, as the docker CLI's {@code --format} runs it: fields of maps
 * ({@code {{.Config.Cmd}}}), pipelines, variables, {@code if}/{@code with}/{@code range},
 * Go's builtins and docker's functions ({@link TemplateFunctions}). Data is a tree of maps,
 * lists, strings, numbers, booleans and nulls. Immutable and thread-safe once parsed.
 */
public final class GoTemplate {
  /** What a missing map key prints as, in Go. */
  static final Object NO_VALUE = new Object() {
    @Override
    public String toString() {
      return "<no value>";
    }
  };
  private final List<TemplateNode> nodes;

  private GoTemplate(List<TemplateNode> nodes) {
    this.nodes = nodes;
  }

  /** Parses {@code text}; throws IllegalArgumentException with Go's wording when it is malformed. */
  public static GoTemplate parse(String text) {
    return new GoTemplate(new TemplateParser(text, TemplateFunctions.NAMES).parse());
  }

  /** Runs the template on {@code data}. */
  public String execute(Object data) {
    StringBuilder out = new StringBuilder();
    Deque<Map<String, Object>> scopes = new ArrayDeque<>();
    scopes.push(new HashMap<>(Map.of("$", data == null ? NO_VALUE : data)));
    run(nodes, data, scopes, out);
    return out.toString();
  }

  private void run(List<TemplateNode> list, Object dot, Deque<Map<String, Object>> scopes, StringBuilder out) {
    for (TemplateNode node : list) {
      switch (node) {
        case TemplateNode.Text text -> out.append(text.text());
        case TemplateNode.Action action -> {
          Object value = pipeline(action.pipeline(), dot, scopes);
          if (action.pipeline().variables().isEmpty()) {
            out.append(GoValues.print(value));
          }
        }
        case Branch branch -> {
          scopes.push(new HashMap<>());
          Object value = pipeline(branch.pipeline(), dot, scopes);
          if (GoValues.truth(value)) {
            run(branch.body(), branch.keyword().equals("with") ? value : dot, scopes, out);
          } else {
            run(branch.otherwise(), dot, scopes, out);
          }
          scopes.pop();
        }
        case Range range -> runRange(range, dot, scopes, out);
      }
    }
  }

  private void runRange(Range range, Object dot, Deque<Map<String, Object>> scopes, StringBuilder out) {
    Pipeline p = range.pipeline();
    Pipeline source = new Pipeline(List.of(), false, p.commands());
    Object value = pipeline(source, dot, scopes);
    List<Object[]> items = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        items.add(new Object[] {(long) i, list.get(i)});
      }
    } else if (value instanceof Map<?, ?> map) {
      new TreeMap<>(map).forEach((k, v) -> items.add(new Object[] {k, v}));
    } else if (value instanceof Number n) {
      for (long i = 0; i < n.longValue(); i++) {
        items.add(new Object[] {i, i});
      }
    } else if (value != null && value != NO_VALUE) {
      throw new IllegalArgumentException("template: range can't iterate over " + GoValues.print(value));
    }
    if (items.isEmpty()) {
      run(range.otherwise(), dot, scopes, out);
      return;
    }
    for (Object[] item : items) {
      Map<String, Object> scope = new HashMap<>();
      if (p.variables().size() == 1) {
        scope.put(p.variables().get(0), item[1]);
      } else if (p.variables().size() == 2) {
        scope.put(p.variables().get(0), item[0]);
        scope.put(p.variables().get(1), item[1]);
      }
      scopes.push(scope);
      run(range.body(), item[1], scopes, out);
      scopes.pop();
    }
  }

  private Object pipeline(Pipeline p, Object dot, Deque<Map<String, Object>> scopes) {
    Object value = null;
    boolean piped = false;
    for (Command command : p.commands()) {
      value = command(command, dot, scopes, piped, value);
      piped = true;
    }
    for (String variable : p.variables()) {
      if (p.declare()) {
        scopes.peek().put(variable, value);
      } else {
        scopes.stream().filter(s -> s.containsKey(variable)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("template: undefined variable: " + variable))
            .put(variable, value);
      }
    }
    return value;
  }

  private Object command(Command command, Object dot, Deque<Map<String, Object>> scopes, boolean piped, Object input) {
    List<Operand> operands = command.operands();
    if (operands.getFirst() instanceof Function f) {
      List<Object> args = new ArrayList<>();
      for (Operand o : operands.subList(1, operands.size())) {
        args.add(operand(o, dot, scopes));
      }
      if (piped) {
        args.add(input);
      }
      return TemplateFunctions.call(f.name(), args);
    }
    if (operands.size() > 1 || piped) {
      throw new IllegalArgumentException("template: can't give argument to non-function " + describe(operands.getFirst()));
    }
    return operand(operands.getFirst(), dot, scopes);
  }

  private static String describe(Operand o) {
    return switch (o) {
      case Field f -> "." + String.join(".", f.fields());
      case Variable v -> v.name();
      default -> o.toString();
    };
  }

  private Object operand(Operand o, Object dot, Deque<Map<String, Object>> scopes) {
    return switch (o) {
      case Constant c -> c.value();
      case Field f -> fields(dot, f.fields());
      case Variable v -> {
        Object base = scopes.stream().filter(s -> s.containsKey(v.name())).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("template: undefined variable: " + v.name()))
            .get(v.name());
        yield fields(base, v.fields());
      }
      case Nested n -> fields(pipeline(n.pipeline(), dot, scopes), n.fields());
      case Function f -> TemplateFunctions.call(f.name(), List.of());
    };
  }

  private static Object fields(Object base, List<String> names) {
    Object value = base;
    for (String name : names) {
      if (value instanceof Map<?, ?> map) {
        value = map.containsKey(name) ? map.get(name) : NO_VALUE;
      } else if (value == null || value == NO_VALUE) {
        throw new IllegalArgumentException("template: nil pointer evaluating interface {}." + name);
      } else {
        throw new IllegalArgumentException("template: can't evaluate field " + name + " in type " + GoValues.typeName(value));
      }
    }
    return value;
  }
}
