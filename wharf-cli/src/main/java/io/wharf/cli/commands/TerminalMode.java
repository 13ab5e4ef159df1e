package io.wharf.cli.commands;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The user's terminal in raw mode while a container's terminal is attached ({@code -it}),
 * restored afterwards; through stty, spawned only for interactive terminals. Not thread-safe.
 */
final class TerminalMode implements AutoCloseable {
  private final String saved;

  private TerminalMode(String saved) {
    this.saved = saved;
  }

  /** Raw mode when stdin is a terminal; null otherwise. */
  static TerminalMode raw() {
    if (System.console() == null || !new File("/dev/tty").canRead()) {
      return null;
    }
    try {
      String saved = stty("-g").strip();
      stty("raw", "-echo");
      return new TerminalMode(saved);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code [rows, columns]} of the user's terminal, or null. */
  static int[] size() {
    try {
      String[] words = stty("size").strip().split("\\s+");
      return words.length == 2 ? new int[] {Integer.parseInt(words[0]), Integer.parseInt(words[1])} : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String stty(String... args) throws IOException {
    String[] command = new String[args.length + 1];
    command[0] = "stty";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectInput(new File("/dev/tty")).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("stty failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      stty(saved);
    } catch (IOException e) {
      // the terminal went away
    }
  }
}
