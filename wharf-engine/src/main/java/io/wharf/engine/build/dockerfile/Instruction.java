package io.wharf.engine.build.dockerfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Dockerfile instruction, parsed and checked as Docker does, not yet expanded.
 *
 * <ul>
 *   <li>{@code keyword}: upper-cased ({@code run} and {@code Run} are RUN).
 *   <li>{@code flags}: the {@code --name=value} flags by name, in the order written; a boolean flag
 *       without a value is {@code "true"}; for a flag that may repeat ({@code --mount},
 *       {@code --exclude}, {@code --device}) the last value — all of them are in {@link #flagValues}.
 *   <li>{@code flagWords}: the flag words as written, quotes removed ({@code --mount=type=cache,…}).
 *   <li>{@code text}: the arguments after the flags as one trimmed string, continuation lines joined
 *       as Docker joins them (the escape character and line break removed, the rest kept).
 *   <li>{@code args}: the arguments in the shape of the instruction. JSON form ({@code json} true):
 *       the array's strings. Otherwise RUN, CMD, ENTRYPOINT, USER, WORKDIR, STOPSIGNAL, MAINTAINER:
 *       {@code [text]}; ADD, COPY, VOLUME, EXPOSE, FROM: the words; ARG: the
 *       {@code name[=default]} words; ENV, LABEL: key, value, key, value…; HEALTHCHECK: the type
 *       ({@code CMD}, {@code NONE}) then the command; ONBUILD: the trigger's keyword and args.
 *   <li>{@code pairs}: ENV, LABEL and ARG as {@link KeyValue}s, quotes still in them.
 *   <li>{@code trigger}: for ONBUILD, the instruction it wraps; null otherwise.
 *   <li>{@code heredocs}: the here-documents of RUN, COPY and ADD, in order.
 *   <li>{@code startLine}, {@code endLine}: 1-based, heredoc bodies included.
 *   <li>{@code original}: the logical line as Docker keeps it (keyword, flags and arguments with
 *       continuations joined; heredoc bodies not included).
 * </ul>
 * Immutable and thread-safe.
 */
public record Instruction(
    String keyword,
    Map<String, String> flags,
    List<String> flagWords,
    String text,
    List<String> args,
    boolean json,
    List<KeyValue> pairs,
    Instruction trigger,
    List<Heredoc> heredocs,
    int startLine,
    int endLine,
    String original) {

  public Instruction {
    flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    flagWords = List.copyOf(flagWords);
    args = List.copyOf(args);
    pairs = List.copyOf(pairs);
    heredocs = List.copyOf(heredocs);
  }

  /** The value of flag {@code name} ({@code "from"} for {@code --from}), or null when not given. */
  public String flag(String name) {
    return flags.get(name);
  }

  /** Every value given to flag {@code name}, in order (several for {@code --mount}). */
  public List<String> flagValues(String name) {
    String prefix = "--" + name + "=";
    return flagWords.stream().filter(w -> w.startsWith(prefix)).map(w -> w.substring(prefix.length())).toList();
  }

  /** For FROM: the stage name after AS, lower-cased as Docker stores it; null without AS. */
  public String stageName() {
    return keyword.equals("FROM") && args.size() == 3 ? args.get(2).toLowerCase(Locale.ROOT) : null;
  }
}
