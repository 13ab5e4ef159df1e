package io.wharf.cli.commands;

import io.wharf.cli.CliContext;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A {@code wharf} command: {@link FlagParser} puts its flags into fields, {@link #run()} does the work
 * through the context's client. The usage line and description are docker's.
 */
public abstract class WharfCommand implements Callable<Integer> {
  protected CliContext ctx;
  /** The command as typed, {@code image ls} or {@code images}, for messages. */
  protected String invokedAs;
  /** The positional arguments, once the flags are parsed. */
  protected List<String> args = List.of();

  public void bind(CliContext context, String name) {
    this.ctx = context;
    this.invokedAs = name;
  }

  /** Parses {@code arguments} into this command's flags and positional arguments. */
  public void parse(String[] arguments) {
    this.args = FlagParser.parse(this, arguments, interspersed());
  }

  /** Whether flags may follow positional arguments (not for commands that take a command line). */
  protected boolean interspersed() {
    return true;
  }

  /** {@code [OPTIONS] IMAGE [IMAGE...]}: what follows the command name in the usage line. */
  public abstract String usageArgs();

  /** One line: what the command does. */
  public abstract String description();

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  protected abstract int run() throws Exception;

  /** docker's argument-count errors (exit 1). */
  protected void requireArgs(List<String> args, int min, int max) {
    int n = args == null ? 0 : args.size();
    String message = null;
    if (max == 0 && n > 0) {
      message = "accepts no arguments"; // cobra's cli.NoArgs
    } else if (min == max && n != min) {
      message = "requires exactly " + min + " argument" + (min == 1 ? "" : "s");
    } else if (min > 0 && max > min && (n < min || n > max)) {
      message = "requires at least " + min + " and at most " + max + " arguments"; // cli.RequiresRangeArgs
    } else if (n < min) {
      message = "requires at least " + min + " argument" + (min == 1 ? "" : "s");
    } else if (max >= 0 && n > max) {
      message = "requires at most " + max + " argument" + (max == 1 ? "" : "s"); // cli.RequiresMaxArgs
    }
    if (message != null) {
      throw new UsageError("\"wharf " + invokedAs + "\" " + message + ".\nSee 'wharf " + invokedAs
          + " --help'.\n\nUsage:  wharf " + invokedAs + " " + usageArgs() + "\n\n" + description(), 1);
    }
  }

  /** A usage error with docker's exit status (1 for arguments, 125 for flags). */
  public static final class UsageError extends RuntimeException {
    private final int exitCode;

    public UsageError(String message, int exitCode) {
      super(message, null, false, false);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }
}
