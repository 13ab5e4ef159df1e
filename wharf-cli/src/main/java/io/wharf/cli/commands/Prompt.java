package io.wharf.cli.commands;

import io.wharf.cli.CliContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** docker's {@code prompt.Confirm}: the message and {@code [y/N] }, then one line of stdin; only y or Y agrees. */
final class Prompt {
  private Prompt() {}

  static boolean confirm(CliContext ctx, String message) throws IOException {
    ctx.out().print(message + " [y/N] ");
    ctx.out().flush();
    String answer = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.strip().equalsIgnoreCase("y");
  }
}
