package io.wharf.engine.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The second stage of Docker's parser: checks an instruction against its own rules (known
 * keyword, accepted flags, number and form of arguments) and builds the {@link Instruction}.
 * The checks run in Docker's order so that the first error is the one Docker reports. Stateless.
 */
final class InstructionParser {
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

  private InstructionParser() {}

  static Instruction convert(RawInstruction raw) {
    String keyword = raw.upperKeyword();
    List<String> args = raw.values();
    Map<String, String> flags = Map.of();
    List<KeyValue> pairs = List.of();
    Instruction trigger = null;
    switch (keyword) {
      case "ENV", "LABEL" -> {
        flags = BuilderFlags.parse(keyword, raw.flags());
        pairs = keyValues(keyword, args);
      }
      case "MAINTAINER", "WORKDIR", "USER" -> {
        exactlyOne(keyword, args);
        flags = BuilderFlags.parse(keyword, raw.flags());
      }
      case "STOPSIGNAL" -> exactlyOne(keyword, args);
      case "ADD", "COPY" -> {
        if (args.size() < 2) {
          throw new SyntaxFailure(keyword + " requires at least two arguments, but only one was provided. "
              + "Destination could not be determined");
        }
        flags = BuilderFlags.parse(keyword, raw.flags());
        if (Heredocs.opener(args.getLast()) != null) {
          throw new SyntaxFailure(keyword + " cannot accept a heredoc as a destination");
        }
      }
      case "FROM" -> {
        checkStageName(args);
        flags = BuilderFlags.parse(keyword, raw.flags());
      }
      case "ONBUILD" -> {
        atLeastOne(keyword, args, raw.child() == null);
        flags = BuilderFlags.parse(keyword, raw.flags());
        trigger = trigger(raw.child());
        args = triggerArgs(trigger);
      }
      case "RUN", "CMD", "ENTRYPOINT" -> flags = BuilderFlags.parse(keyword, raw.flags());
      case "HEALTHCHECK" -> flags = HealthcheckRules.check(raw);
      case "EXPOSE", "VOLUME" -> {
        atLeastOne(keyword, args, args.isEmpty());
        flags = BuilderFlags.parse(keyword, raw.flags());
        if (keyword.equals("VOLUME") && args.stream().anyMatch(v -> GoText.trim(v).isEmpty())) {
          throw new SyntaxFailure("VOLUME specified can not be an empty string");
        }
      }
      case "ARG" -> pairs = argPairs(args);
      case "SHELL" -> {
        flags = BuilderFlags.parse(keyword, raw.flags());
        atLeastOne(keyword, args, args.isEmpty());
        if (!raw.json()) {
          throw new SyntaxFailure("SHELL requires the arguments to be in JSON form");
        }
      }
      default -> throw new SyntaxFailure("unknown instruction: " + keyword);
    }
    return new Instruction(keyword, flags, raw.flags(), raw.rest(), args, raw.json(), pairs, trigger, raw.heredocs(),
        raw.startLine(), raw.endLine(), raw.original());
  }

  private static Instruction trigger(RawInstruction child) {
    String name = child.upperKeyword();
    switch (name) {
      case "ONBUILD" -> throw new SyntaxFailure("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      case "MAINTAINER", "FROM" -> throw new SyntaxFailure(name + " isn't allowed as an ONBUILD trigger");
      default -> {
        return convert(child);
      }
    }
  }

  private static List<String> triggerArgs(Instruction trigger) {
    List<String> args = new ArrayList<>(List.of(trigger.keyword()));
    args.addAll(trigger.args());
    return args;
  }

  private static void checkStageName(List<String> args) {
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      if (!STAGE_NAME.matcher(args.get(2).toLowerCase(Locale.ROOT)).matches()) {
        throw new SyntaxFailure("invalid name for build stage: " + GoText.quote(args.get(2))
            + ", name can't start with a number or contain symbols");
      }
    } else if (args.size() != 1) {
      throw new SyntaxFailure("FROM requires either one or three arguments");
    }
  }

  private static List<KeyValue> keyValues(String keyword, List<String> args) {
    atLeastOne(keyword, args, args.isEmpty());
    List<KeyValue> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      if (args.get(i).isEmpty()) {
        throw new SyntaxFailure(keyword + " names can not be blank");
      }
      pairs.add(new KeyValue(args.get(i), args.get(i + 1)));
    }
    return pairs;
  }

  private static List<KeyValue> argPairs(List<String> args) {
    atLeastOne("ARG", args, args.isEmpty());
    List<KeyValue> pairs = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq == 0) {
        throw new SyntaxFailure("ARG names can not be blank");
      }
      pairs.add(eq < 0 ? new KeyValue(arg, null) : new KeyValue(arg.substring(0, eq), arg.substring(eq + 1)));
    }
    return pairs;
  }

  private static void atLeastOne(String keyword, List<String> args, boolean missing) {
    if (missing) {
      throw new SyntaxFailure(keyword + " requires at least one argument");
    }
  }

  private static void exactlyOne(String keyword, List<String> args) {
    if (args.size() != 1) {
      throw new SyntaxFailure(keyword + " requires exactly one argument");
    }
  }
}
