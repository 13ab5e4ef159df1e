package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wharf volume rm}: {@code DELETE /volumes/{name}} for each volume in turn
 * ({@code ?force=1} with {@code -f}), its name printed once removed; the errors printed
 * together at the end, exit 1, as docker does. With {@code -f} a missing volume counts as
 * removed, as the daemon answers docker's CLI.
 */
public final class VolumeRmCommand extends WharfCommand {
  @Flag(names = {"-f", "--force"}, description = "Force the removal of one or more volumes")
  boolean force;

  @Override
  public String usageArgs() {
    return "[OPTIONS] VOLUME [VOLUME...]";
  }

  @Override
  public String description() {
    return "Remove one or more volumes";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    List<String> errors = new ArrayList<>();
    for (String name : args) {
      try (Response ignored = ctx.client().delete(Volumes.path(name) + (force ? "?force=1" : ""))) {
        ctx.out().println(name);
      } catch (ApiException e) {
        if (force && e.status() == 404) {
          ctx.out().println(name);
          continue;
        }
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      ctx.err().println(String.join("\n", errors));
      return 1;
    }
    return 0;
  }
}
