package io.wharf.cli.commands;

import io.wharf.cli.CliContext;
import io.wharf.cli.auth.AuthConfig;
import io.wharf.cli.auth.DockerConfigFile;
import io.wharf.cli.auth.RegistryKeys;
import io.wharf.cli.format.JsonMessages;
import io.wharf.client.Response;
import io.wharf.oci.ImageReference;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What {@code pull} and {@code push} share: the reference as the docker CLI checks it, the
 * stored credentials of its registry for {@code X-Registry-Auth}, and the progress stream
 * rendered as docker renders it (in place on a terminal, a line per change elsewhere).
 * Stateless.
 */
final class Distribution {
  private Distribution() {}

  /**
   * {@code text} parsed and checked as {@code docker pull/push} check it: with {@code allTags}
   * it must be a bare name; without, a bare name gets {@code latest} (announced unless
   * {@code quiet}). Null after printing docker's error.
   */
  static ImageReference reference(CliContext ctx, String text, boolean allTags, boolean quiet) {
    ImageReference reference;
    try {
      reference = ImageReference.parse(text);
    } catch (InvalidArgument e) {
      ctx.err().println(e.getMessage());
      return null;
    }
    boolean nameOnly = reference.tag() == null && reference.digest() == null;
    if (allTags && !nameOnly) {
      ctx.err().println("tag can't be used with --all-tags/-a");
      return null;
    }
    if (!allTags && nameOnly) {
      reference = reference.withDefaultTag();
      if (!quiet) {
        ctx.out().println("Using default tag: " + reference.tag());
      }
    }
    return reference;
  }

  /**
   * The {@code X-Registry-Auth} header for {@code reference}'s registry: what {@code docker login}
   * stored for it, or {@code {}}. As docker, an unreadable configuration or a failing helper
   * means no credentials, not a failed pull.
   */
  static Map<String, String> authHeader(CliContext ctx, ImageReference reference) {
    String key = RegistryKeys.forReference(reference);
    AuthConfig auth;
    try {
      auth = DockerConfigFile.load(ctx.env()).get(key).orElse(AuthConfig.anonymous(key));
    } catch (IOException e) {
      auth = AuthConfig.anonymous(key);
    }
    return Map.of("X-Registry-Auth", auth.header());
  }

  /**
   * Prints {@code response}'s JSON messages to stdout (nowhere when {@code quiet}); 0, or 1
   * after printing the {@code errorDetail} to stderr as docker does.
   */
  static int show(CliContext ctx, Response response, boolean quiet) {
    PrintStream out = quiet ? new PrintStream(OutputStream.nullOutputStream()) : ctx.out();
    try {
      JsonMessages.display(response.body(), out, aux -> { }, quiet ? 0 : terminalWidth());
      return 0;
    } catch (JsonMessages.Failure e) {
      ctx.err().println(e.getMessage());
      return 1;
    }
  }

  /** The width of the terminal stdout is, or 0 when it is not one. */
  private static int terminalWidth() {
    if (System.console() == null || !System.console().isTerminal()) {
      return 0;
    }
    int[] size = TerminalMode.size();
    return size != null && size[1] > 0 ? size[1] : 200; // docker's width when it cannot ask
  }
}
