package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.Response;

/**
 * {@code wharf network rm}: each network in turn, its name printed once removed and an error
 * printed as it happens; exit 1 if any failed. With {@code -f} a missing network is skipped
 * silently.
 */
public final class NetworkRmCommand extends WharfCommand {
  @Flag(names = {"-f", "--force"}, description = "Do not error if the network does not exist")
  boolean force;

  @Override
  public String usageArgs() {
    return "NETWORK [NETWORK...]";
  }

  @Override
  public String description() {
    return "Remove one or more networks";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    int status = 0;
    for (String name : args) {
      try (Response ignored = ctx.client().delete(Networks.path(name))) {
        ctx.out().println(name);
      } catch (ApiException e) {
        if (force && e.status() == 404) {
          continue;
        }
        ctx.err().println("Error response from daemon: " + e.getMessage());
        status = 1;
      }
    }
    return status;
  }
}
