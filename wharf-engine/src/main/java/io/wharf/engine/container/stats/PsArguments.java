package io.wharf.engine.container.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code ps} options of {@code docker top c [ps OPTIONS]}, as dockerd reads them: split at
 * spaces, and checked for a custom output format ({@code -o}, {@code o}, {@code --format}),
 * which may not show the PID, so that dockerd puts {@code -opid} first. ps has three option
 * syntaxes (GNU {@code --pid 1}, UNIX {@code -p 1}, BSD {@code p1}, and BSD letters run
 * together: {@code efocmd} is {@code o} with {@code cmd}), and options taking a value must not
 * be taken for options. Stateless.
 */
final class PsArguments {
  private static final Set<String> LONG_WITH_VALUE = Set.of("--cols", "--columns", "--Group", "--group", "--lines",
      "--pid", "--ppid", "--quick-pid", "--rows", "--sid", "--sort", "--tty", "--User", "--user", "--width");
  private static final Set<String> SHORT_WITH_VALUE = Set.of("-C", "-G", "-g", "-O", "-p", "-q", "-s", "-t", "-u",
      "-U");
  private static final String BSD_WITH_VALUE = "pqtUOk";

  private PsArguments() {}

  /** {@code ps_args} split at spaces, as dockerd does (no quoting). */
  static List<String> split(String psArgs) {
    List<String> args = new ArrayList<>();
    for (String word : psArgs.split(" ")) {
      if (!word.isEmpty()) {
        args.add(word);
      }
    }
    return args;
  }

  /** Whether {@code args} choose the output columns. */
  static boolean customFields(List<String> args) {
    boolean skip = false;
    for (String arg : args) {
      if (skip) {
        skip = false;
        continue;
      }
      if (arg.startsWith("-o") || arg.startsWith("o") || arg.startsWith("--format")) {
        return true;
      }
      Check check = check(arg);
      if (check == Check.FORMAT) {
        return true;
      }
      skip = check == Check.VALUE_FOLLOWS;
    }
    return false;
  }

  private enum Check { FORMAT, VALUE_FOLLOWS, NONE }

  private static Check check(String opt) {
    if (opt.isEmpty()) {
      return Check.NONE;
    }
    if (opt.length() > 2 && opt.startsWith("--")) {
      String name = opt.split("=", 2)[0];
      if (name.equals("--format")) {
        return Check.FORMAT;
      }
      if (LONG_WITH_VALUE.contains(name)) {
        return opt.contains("=") ? Check.NONE : Check.VALUE_FOLLOWS;
      }
    }
    if (opt.length() >= 2 && opt.charAt(0) == '-') {
      String head = opt.substring(0, 2);
      if (head.equals("-o")) {
        return Check.FORMAT;
      }
      if (SHORT_WITH_VALUE.contains(head)) {
        return opt.length() == 2 ? Check.VALUE_FOLLOWS : Check.NONE;
      }
    }
    for (int i = 0; i < opt.length(); i++) {
      char c = opt.charAt(i);
      if (c == 'o') {
        return Check.FORMAT;
      }
      if (BSD_WITH_VALUE.indexOf(c) >= 0) {
        // the rest is the option's value, or the next argument is
        return i + 1 == opt.length() ? Check.VALUE_FOLLOWS : Check.NONE;
      }
    }
    return Check.NONE;
  }
}
