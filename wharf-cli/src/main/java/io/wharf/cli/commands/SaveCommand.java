package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf save}: images to a tar archive on stdout or in a file; the file appears only
 * once complete (written aside, then renamed), as docker does.
 */
public final class SaveCommand extends WharfCommand {
  @Flag(names = {"-o", "--output"}, label = "string", description = "Write to a file, instead of STDOUT")
  String output;

  @Flag(names = "--platform", label = "list", description = "Save only the given platform(s)")
  List<String> platforms = new ArrayList<>();

  @Override
  public String usageArgs() {
    return "[OPTIONS] IMAGE [IMAGE...]";
  }

  @Override
  public String description() {
    return "Save one or more images to a tar archive (streamed to STDOUT by default)";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    if (output == null && ctx.out() == System.out && System.console() != null && System.console().isTerminal()) {
      throw new UsageError("cowardly refusing to save to a terminal. Use the -o flag or redirect", 1);
    }
    String path = EngineClient.path("/images/get", Map.of("names", args));
    try (Response response = ctx.client().get(path)) {
      if (output == null) {
        response.body().transferTo(ctx.out());
        ctx.out().flush();
        return 0;
      }
      Path target = Path.of(output).toAbsolutePath();
      Path temp = Files.createTempFile(target.getParent(), ".wharf-save-", ".tmp");
      try {
        try (OutputStream file = Files.newOutputStream(temp)) {
          response.body().transferTo(file);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return 0;
  }
}
