package io.wharf.cli;

import io.wharf.cli.commands.Flag;
import io.wharf.cli.commands.FlagParser;
import io.wharf.cli.commands.WharfCommand;
import java.io.PrintStream;
import java.util.Map;

/** {@code --help} texts, laid out as the docker CLI's. */
final class Help {
  private Help() {}

  static void printTop(PrintStream out) {
    out.println("""

        Usage:  wharf [OPTIONS] COMMAND

        A self-sufficient runtime for containers, compatible with Docker

        Common Commands:""");
    CommandTable.TOP.forEach((name, entry) -> out.printf("  %-11s %s%n", name, entry.summary()));
    out.println("\nManagement Commands:");
    CommandTable.GROUP_SUMMARIES.forEach((name, summary) -> out.printf("  %-11s %s%n", name, summary));
    out.println("""

        Global Options:
          -D, --debug              Enable debug mode
          -H, --host string        Daemon socket to connect to (default: $WHARF_HOST, $DOCKER_HOST,
                                   unix:///run/wharf/wharf.sock)
          -l, --log-level string   Set the logging level ("debug"|"info"|"warn"|"error"|"fatal") (default "info")
          -v, --version            Print version information and quit

        Run 'wharf COMMAND --help' for more information on a command.""");
  }

  static void printGroup(PrintStream out, String group, Map<String, CommandTable.Entry> commands) {
    out.println("\nUsage:  wharf " + group + " COMMAND\n\n" + CommandTable.GROUP_SUMMARIES.get(group) + "\n\nCommands:");
    // cobra pads names to the longest, at least 11
    int width = Math.max(11, commands.keySet().stream().mapToInt(String::length).max().orElse(0));
    commands.forEach((name, entry) -> out.printf("  %-" + width + "s %s%n", name, entry.summary()));
    out.println("\nRun 'wharf " + group + " COMMAND --help' for more information on a command.");
  }

  static void printCommand(PrintStream out, String invokedAs, WharfCommand command) {
    out.println("\nUsage:  wharf " + invokedAs + " " + command.usageArgs() + "\n\n" + command.description());
    var fields = new java.util.LinkedHashSet<>(FlagParser.flags(command.getClass()).values());
    fields.removeIf(field -> field.getAnnotation(Flag.class).hidden());
    if (fields.isEmpty()) {
      return;
    }
    out.println("\nOptions:");
    for (var field : fields) {
      Flag flag = field.getAnnotation(Flag.class);
      String[] names = flag.names();
      String shortName = names.length > 1 ? names[0] + ", " : "    ";
      String longName = names[names.length - 1];
      String label = flag.label().isEmpty() ? "" : " " + flag.label();
      out.printf("  %s%-22s %s%n", shortName, longName + label, flag.description());
    }
  }
}
