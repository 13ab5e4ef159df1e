package io.wharf.cli;

import io.wharf.cli.commands.FlagParser;
import io.wharf.cli.commands.WharfCommand;
import io.wharf.client.ApiException;
import io.wharf.client.ConnectException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf}: global flags first ({@code -H}, {@code -D}, {@code -l}, {@code -v}), then a
 * command or a management command and its sub-command, whose flags {@link FlagParser} parses
 * with POSIX short-flag clusters. Errors and exit codes are docker's.
 */
public final class Wharf {
  public static final String VERSION = "0.1.0";

  private Wharf() {}

  public static void main(String[] args) {
    // Netty's pooled allocator and leak detector cost ~30 ms to set up; a CLI needs neither
    System.setProperty("io.netty.allocator.type", "unpooled");
    System.setProperty("io.netty.leakDetection.level", "disabled");
    io.wharf.client.SilentNettyLogging.install();
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
    int code = run(args, out, System.err, System.in, System.getenv());
    out.flush();
    System.exit(code);
  }

  /** The commit of this build, which the launcher passes from the build ({@code -Dwharf.commit}). */
  public static String gitCommit() {
    return System.getProperty("wharf.commit", "unknown");
  }

  /** Runs one command line; returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
    String hostFlag = null;
    String configFlag = null;
    int i = 0;
    for (; i < args.length && args[i].startsWith("-"); i++) {
      String a = args[i];
      if (a.equals("-H") || a.equals("--host") || a.equals("-l") || a.equals("--log-level") || a.equals("--config")
          || a.equals("-c") || a.equals("--context")) {
        if (i + 1 >= args.length) {
          err.println("flag needs an argument: " + a + "\nSee 'wharf --help'.");
          return 125;
        }
        if (a.equals("-H") || a.equals("--host")) {
          hostFlag = args[i + 1];
        } else if (a.equals("--config")) {
          configFlag = args[i + 1];
        }
        i++;
      } else if (a.startsWith("--host=") || a.startsWith("-H=")) {
        hostFlag = a.substring(a.indexOf('=') + 1);
      } else if (a.startsWith("--config=")) {
        configFlag = a.substring("--config=".length());
      } else if (a.startsWith("-H") && a.length() > 2) {
        hostFlag = a.substring(2);
      } else if (a.equals("-v") || a.equals("--version")) {
        out.println("Wharf version " + VERSION + ", build " + gitCommit());
        return 0;
      } else if (a.equals("-h") || a.equals("--help")) {
        Help.printTop(out);
        return 0;
      } else if (!(a.equals("-D") || a.equals("--debug") || a.startsWith("--log-level=") || a.startsWith("--config="))) {
        err.println("unknown flag: " + a + "\nSee 'wharf --help'.");
        return 125;
      }
    }
    if (i >= args.length) {
      Help.printTop(out);
      return 0;
    }
    String name = args[i++];
    CommandTable.Entry entry = CommandTable.TOP.get(name);
    String invokedAs = name;
    if (entry == null && CommandTable.GROUPS.containsKey(name)) {
      Map<String, CommandTable.Entry> group = CommandTable.GROUPS.get(name);
      if (i >= args.length || args[i].equals("--help") || args[i].equals("-h")) {
        Help.printGroup(out, name, group);
        return 0;
      }
      String sub = args[i++];
      entry = group.get(sub);
      invokedAs = name + " " + sub;
      if (entry == null) {
        err.println("wharf: '" + name + " " + sub + "' is not a wharf command.\nSee 'wharf " + name + " --help'");
        return 1;
      }
    }
    if (entry == null) {
      err.println("wharf: '" + name + "' is not a wharf command.\nSee 'wharf --help'");
      return 1;
    }
    if (configFlag != null) {
      // docker's --config is where config.json lives, as DOCKER_CONFIG says otherwise
      env = new java.util.HashMap<>(env);
      env.put("DOCKER_CONFIG", configFlag);
    }
    HostSelection host = HostSelection.choose(hostFlag, env);
    try (CliContext context = new CliContext(out, err, in, env, host.host(), host.isDefault())) {
      return execute(entry.factory().get(), invokedAs, Arrays.copyOfRange(args, i, args.length), context);
    }
  }

  private static int execute(WharfCommand command, String invokedAs, String[] args, CliContext context) {
    command.bind(context, invokedAs);
    try {
      List<String> words = List.of(args);
      boolean shortHelp = words.contains("-h") && !FlagParser.flags(command.getClass()).containsKey("-h");
      if (words.contains("--help") || shortHelp) {
        Help.printCommand(context.out(), invokedAs, command);
        return 0;
      }
      command.parse(args);
      return command.call();
    } catch (WharfCommand.UsageError e) {
      // flag errors (125) point at the help; argument-count errors carry their own usage
      context.err().println(e.getMessage() + (e.exitCode() == 125 ? "\nSee 'wharf " + invokedAs + " --help'." : ""));
      return e.exitCode();
    } catch (ApiException e) {
      context.err().println("Error response from daemon: " + e.getMessage());
      return 1;
    } catch (ConnectException e) {
      context.err().println("Cannot connect to the Wharf daemon at " + e.host() + ". Is wharfd running?");
      return 1;
    } catch (IllegalArgumentException e) {
      context.err().println(e.getMessage().startsWith("template") ? "template parsing error: " + e.getMessage() : e.getMessage());
      return 1;
    } catch (UncheckedIOException e) {
      context.err().println("error: " + e.getCause().getMessage());
      return 1;
    } catch (Exception e) {
      context.err().println("error: " + e.getMessage());
      return 1;
    }
  }
}
