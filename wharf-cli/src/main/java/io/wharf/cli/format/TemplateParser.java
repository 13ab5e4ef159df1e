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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Parses Go text/template source into {@link TemplateNode}s, with Go's error wording
 * ({@code template: :1: unclosed action}). Not thread-safe: one parser per parse.
 */
final class TemplateParser {
  private final String source;
  private final Set<String> functions;
  private int pos;
  /** The actions of the template, in order; an action is a token list. */
  private List<String> tokens;
  private int tok;
  private boolean trimNextText;

  TemplateParser(String source, Set<String> functions) {
    this.source = source;
    this.functions = functions;
  }

  List<TemplateNode> parse() {
    List<TemplateNode> nodes = new ArrayList<>();
    String end = parseList(nodes);
    if (end != null) {
      throw error("unexpected {{" + end + "}}");
    }
    return nodes;
  }

  private IllegalArgumentException error(String message) {
    int line = 1;
    for (int i = 0; i < Math.min(pos, source.length()); i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    return new IllegalArgumentException("template: :" + line + ": " + message);
  }

  /** Parses nodes until {{end}} or {{else …}} (returned, with its tokens left) or the end (null). */
  private String parseList(List<TemplateNode> nodes) {
    while (pos < source.length()) {
      int open = source.indexOf("{{", pos);
      String text = source.substring(pos, open < 0 ? source.length() : open);
      if (trimNextText) {
        text = text.stripLeading();
        trimNextText = false;
      }
      boolean trimBefore = open >= 0 && source.startsWith("{{-", open)
          && open + 3 < source.length() && Character.isWhitespace(source.charAt(open + 3));
      if (trimBefore) {
        text = text.stripTrailing();
      }
      if (!text.isEmpty()) {
        nodes.add(new TemplateNode.Text(text));
      }
      if (open < 0) {
        pos = source.length();
        return null;
      }
      pos = open;
      int start = open + (trimBefore ? 3 : 2);
      int close = findClose(start);
      int endOfAction = close;
      boolean trimAfter = close - 1 > start && source.charAt(close - 1) == '-' && Character.isWhitespace(source.charAt(close - 2));
      String inside = source.substring(start, trimAfter ? close - 1 : close).strip();
      pos = endOfAction + 2;
      trimNextText = trimAfter;
      if (inside.startsWith("/*")) {
        if (!inside.endsWith("*/")) {
          throw error("unclosed comment");
        }
        continue;
      }
      tokens = lex(inside);
      tok = 0;
      if (tokens.isEmpty()) {
        throw error("missing value for command");
      }
      String keyword = tokens.getFirst();
      switch (keyword) {
        case "end" -> {
          expectEnd(1);
          return "end";
        }
        case "else" -> {
          return "else";
        }
        case "if", "with" -> nodes.add(branch(keyword));
        case "range" -> nodes.add(range());
        case "define", "template", "block" -> throw error("{{" + keyword + "}} is not supported");
        default -> nodes.add(new TemplateNode.Action(pipeline()));
      }
    }
    return null;
  }

  private void expectEnd(int at) {
    if (tokens.size() > at) {
      throw error("unexpected \"" + tokens.get(at) + "\" in " + tokens.getFirst());
    }
  }

  private int findClose(int from) {
    int i = from;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '"' || c == '`') {
        int end = source.indexOf(c, i + 1);
        while (c == '"' && end > 0 && source.charAt(end - 1) == '\\') {
          end = source.indexOf(c, end + 1);
        }
        if (end < 0) {
          throw error("unterminated quoted string");
        }
        i = end + 1;
      } else if (source.startsWith("}}", i)) {
        return i;
      } else {
        i++;
      }
    }
    throw error("unclosed action");
  }

  private Branch branch(String keyword) {
    tok = 1;
    Pipeline pipeline = pipeline();
    List<TemplateNode> body = new ArrayList<>();
    List<TemplateNode> otherwise = new ArrayList<>();
    if (parseBody(body) && tokens.size() > 1 && tokens.get(1).equals(keyword)) {
      // {{else if …}}: a nested branch that shares our {{end}}
      tokens = new ArrayList<>(tokens.subList(1, tokens.size()));
      otherwise.add(branch(keyword));
    } else if (!tokens.getFirst().equals("end")) {
      parseOtherwise(otherwise);
    }
    return new Branch(keyword, pipeline, body, otherwise);
  }

  private Range range() {
    tok = 1;
    Pipeline pipeline = pipeline();
    List<TemplateNode> body = new ArrayList<>();
    List<TemplateNode> otherwise = new ArrayList<>();
    if (parseBody(body)) {
      parseOtherwise(otherwise);
    }
    return new Range(pipeline, body, otherwise);
  }

  /** Parses up to {{end}} (false) or {{else …}} (true, its tokens left in {@link #tokens}). */
  private boolean parseBody(List<TemplateNode> body) {
    String end = parseList(body);
    if (end == null) {
      throw error("unexpected EOF");
    }
    return end.equals("else");
  }

  /** After a plain {{else}}: the nodes up to {{end}}. */
  private void parseOtherwise(List<TemplateNode> otherwise) {
    expectEnd(1);
    if (!"end".equals(parseList(otherwise))) {
      throw error("expected end; found EOF");
    }
  }

  /** pipeline := [ $a [, $b] (:=|=) ] command { "|" command } */
  private Pipeline pipeline() {
    List<String> variables = new ArrayList<>();
    boolean declare = false;
    int save = tok;
    while (tok < tokens.size() && tokens.get(tok).startsWith("$") && !tokens.get(tok).contains(".")) {
      variables.add(tokens.get(tok++));
      if (tok < tokens.size() && tokens.get(tok).equals(",")) {
        tok++;
        continue;
      }
      break;
    }
    if (!variables.isEmpty() && tok < tokens.size() && (tokens.get(tok).equals(":=") || tokens.get(tok).equals("="))) {
      declare = tokens.get(tok++).equals(":=");
    } else {
      variables.clear();
      tok = save;
    }
    List<Command> commands = new ArrayList<>();
    while (true) {
      commands.add(command());
      if (tok < tokens.size() && tokens.get(tok).equals("|")) {
        tok++;
        continue;
      }
      break;
    }
    if (tok < tokens.size() && !tokens.get(tok).equals(")")) {
      throw error("unexpected \"" + tokens.get(tok) + "\" in operand");
    }
    return new Pipeline(variables, declare, commands);
  }

  private Command command() {
    List<Operand> operands = new ArrayList<>();
    while (tok < tokens.size() && !tokens.get(tok).equals("|") && !tokens.get(tok).equals(")")) {
      operands.add(operand());
    }
    if (operands.isEmpty()) {
      throw error("missing value for command");
    }
    return new Command(operands);
  }

  private Operand operand() {
    String t = tokens.get(tok++);
    if (t.equals("(")) {
      Pipeline inner = pipeline();
      if (tok >= tokens.size() || !tokens.get(tok).equals(")")) {
        throw error("unclosed left paren");
      }
      tok++;
      List<String> fields = new ArrayList<>();
      while (tok < tokens.size() && tokens.get(tok).startsWith(".") && tokens.get(tok).length() > 1) {
        fields.addAll(fieldsOf(tokens.get(tok++)));
      }
      return new Nested(inner, fields);
    }
    if (t.startsWith(".")) {
      return new Field(fieldsOf(t));
    }
    if (t.startsWith("$")) {
      int dot = t.indexOf('.');
      return new TemplateNode.Variable(dot < 0 ? t : t.substring(0, dot), dot < 0 ? List.of() : fieldsOf(t.substring(dot)));
    }
    if (t.startsWith("\"")) {
      return new Constant(unquote(t));
    }
    if (t.startsWith("`")) {
      return new Constant(t.substring(1, t.length() - 1));
    }
    switch (t) {
      case "true": return new Constant(Boolean.TRUE);
      case "false": return new Constant(Boolean.FALSE);
      case "nil": return new Constant(null);
      default: break;
    }
    if (Character.isDigit(t.charAt(0)) || (t.length() > 1 && (t.charAt(0) == '-' || t.charAt(0) == '+'))) {
      try {
        return new Constant(t.contains(".") || t.contains("e") ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t));
      } catch (NumberFormatException e) {
        throw error("bad number syntax: \"" + t + "\"");
      }
    }
    if (!functions.contains(t)) {
      throw error("function \"" + t + "\" not defined");
    }
    return new Function(t);
  }

  private static List<String> fieldsOf(String chain) {
    if (chain.equals(".")) {
      return List.of();
    }
    return Arrays.asList(chain.substring(1).split("\\."));
  }

  private String unquote(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        char n = quoted.charAt(++i);
        switch (n) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          default -> throw error("invalid syntax: " + quoted);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Splits an action into tokens. */
  private List<String> lex(String action) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < action.length()) {
      char c = action.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '`') {
        int end = action.indexOf(c, i + 1);
        while (c == '"' && end > 0 && action.charAt(end - 1) == '\\') {
          end = action.indexOf(c, end + 1);
        }
        out.add(action.substring(i, end + 1));
        i = end + 1;
      } else if (c == '(' || c == ')' || c == '|' || c == ',') {
        out.add(String.valueOf(c));
        i++;
      } else if (action.startsWith(":=", i)) {
        out.add(":=");
        i += 2;
      } else if (c == '=') {
        out.add("=");
        i++;
      } else {
        int start = i;
        while (i < action.length() && !Character.isWhitespace(action.charAt(i)) && "()|,\"`".indexOf(action.charAt(i)) < 0
            && !action.startsWith(":=", i) && !(action.charAt(i) == '=' )) {
          i++;
        }
        out.add(action.substring(start, i));
      }
    }
    return out;
  }
}
