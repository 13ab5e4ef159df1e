package io.wharf.engine.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first stage of Docker's parser for one logical line: the keyword, the flags, and the
 * arguments cut into the shape the keyword takes — JSON-or-text for RUN, CMD, ENTRYPOINT and SHELL;
 * JSON-or-words for ADD, COPY and VOLUME; words for EXPOSE and FROM; one text for USER, WORKDIR,
 * STOPSIGNAL and MAINTAINER; key/value pairs for ENV and LABEL; quoted words for ARG; a type and
 * a command for HEALTHCHECK; a whole instruction for ONBUILD. Stateless.
 */
final class LineParsers {
  private LineParsers() {}

  /** The instruction on {@code line} (continuations already joined), lines not yet set. */
  static RawInstruction parse(String line, char escape) {
    List<String> command = GoText.splitTokens(GoText.trim(line), 2);
    String keyword = command.getFirst();
    BuilderFlags.Split split = BuilderFlags.split(command.size() == 2 ? command.get(1) : "");
    String rest = GoText.trim(split.rest());
    List<String> values = List.of();
    boolean json = false;
    boolean legacy = false;
    RawInstruction child = null;
    switch (keyword.toUpperCase(Locale.ROOT)) {
      case "RUN", "CMD", "ENTRYPOINT", "SHELL" -> {
        Optional<List<String>> array = rest.isEmpty() ? Optional.empty() : JsonArgs.parse(rest);
        json = array.isPresent();
        values = array.orElse(text(rest));
      }
      case "ADD", "COPY", "VOLUME" -> {
        Optional<List<String>> array = JsonArgs.parse(rest);
        json = array.isPresent();
        values = array.orElse(words(rest));
      }
      case "EXPOSE", "FROM" -> values = words(rest);
      case "USER", "WORKDIR", "STOPSIGNAL", "MAINTAINER" -> values = text(rest);
      case "ARG" -> values = ShellWords.split(rest, escape);
      case "ENV", "LABEL" -> {
        legacy = isLegacyKeyValue(rest, escape);
        values = keyValues(keyword.toUpperCase(Locale.ROOT), rest, escape);
      }
      case "HEALTHCHECK" -> {
        int sep = 0;
        while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
          sep++;
        }
        if (sep > 0) {
          String cmd = GoText.trimLeft(rest.substring(sep));
          Optional<List<String>> array = cmd.isEmpty() ? Optional.empty() : JsonArgs.parse(cmd);
          json = array.isPresent();
          List<String> all = new ArrayList<>(List.of(rest.substring(0, sep)));
          all.addAll(array.orElse(text(cmd)));
          values = List.copyOf(all);
        }
      }
      case "ONBUILD" -> child = rest.isEmpty() ? null : parse(rest, escape);
      default -> { }
    }
    return new RawInstruction(keyword, List.copyOf(split.flags()), rest, values, json, legacy, child, List.of(), 0, 0,
        line);
  }

  private static List<String> text(String rest) {
    return rest.isEmpty() ? List.of() : List.of(rest);
  }

  private static List<String> words(String rest) {
    return rest.isEmpty() ? List.of() : List.copyOf(GoText.splitTokens(rest, 0));
  }

  private static boolean isLegacyKeyValue(String rest, char escape) {
    List<String> words = ShellWords.split(rest, escape);
    return !words.isEmpty() && !words.getFirst().contains("=");
  }

  /**
   * ENV and LABEL as key, value, key, value…: {@code KEY value with spaces} when the first word has
   * no {@code =} (the legacy form, one pair, the value is the rest of the line), otherwise words
   * that must each be {@code key=value}.
   */
  private static List<String> keyValues(String keyword, String rest, char escape) {
    List<String> words = ShellWords.split(rest, escape);
    if (words.isEmpty()) {
      return List.of();
    }
    if (!words.getFirst().contains("=")) {
      List<String> parts = GoText.splitTokens(rest, 2);
      if (parts.size() < 2) {
        throw new SyntaxFailure(keyword + " must have two arguments");
      }
      return List.of(parts.get(0), parts.get(1));
    }
    List<String> values = new ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new SyntaxFailure("Syntax error - can't find = in " + GoText.quote(word)
            + ". Must be of the form: name=value");
      }
      values.add(word.substring(0, eq));
      values.add(word.substring(eq + 1));
    }
    return List.copyOf(values);
  }
}
