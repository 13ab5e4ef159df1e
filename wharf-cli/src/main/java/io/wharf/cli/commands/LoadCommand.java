package io.wharf.cli.commands;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.client.Response;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code wharf load}: images from a tar archive (file or stdin). */
public final class LoadCommand extends WharfCommand {
  @Flag(names = {"-i", "--input"}, label = "string", description = "Read from tar archive file, instead of STDIN")
  String input;

  @Flag(names = {"-q", "--quiet"}, description = "Suppress the load output")
  boolean quiet;

  @Flag(names = "--platform", label = "list", description = "Load only the given platform(s)")
  List<String> platforms = new ArrayList<>();

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Load an image from a tar archive or STDIN";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    InputStream body;
    if (input == null) {
      if (System.console() != null && System.console().isTerminal() && ctx.in() == System.in) {
        throw new UsageError("requested load from stdin, but stdin is empty", 1);
      }
      body = ctx.in();
    } else {
      try {
        body = Files.newInputStream(Path.of(input));
      } catch (NoSuchFileException e) {
        throw new UsageError("open " + input + ": no such file or directory", 1);
      }
    }
    try (body; Response response = ctx.client().request(HttpMethod.POST, "/images/load?quiet=1", "application/x-tar", body)) {
      response.messages(m -> {
        if (m.get("stream") != null) {
          ctx.out().print(m.get("stream"));
        }
      });
    }
    return 0;
  }
}
