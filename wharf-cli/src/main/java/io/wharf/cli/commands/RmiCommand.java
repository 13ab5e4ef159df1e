package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code wharf rmi}, {@code wharf image rm}: each image in turn, errors reported at the end. */
public final class RmiCommand extends WharfCommand {
  @Flag(names = {"-f", "--force"}, description = "Force removal of the image")
  boolean force;

  @Flag(names = "--no-prune", description = "Do not delete untagged parents")
  boolean noPrune;

  @Override
  public String usageArgs() {
    return "[OPTIONS] IMAGE [IMAGE...]";
  }

  @Override
  public String description() {
    return "Remove one or more images";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    List<String> errors = new ArrayList<>();
    boolean failed = false;
    for (String name : args) {
      Map<String, Object> query = new LinkedHashMap<>();
      if (force) {
        query.put("force", 1);
      }
      if (noPrune) {
        query.put("noprune", 1);
      }
      try (Response response = ctx.client().delete(
          EngineClient.path("/images/" + URLEncoder.encode(name, StandardCharsets.UTF_8), query))) {
        for (Map<String, Object> item : response.objects()) {
          if (item.get("Untagged") != null) {
            ctx.out().println("Untagged: " + item.get("Untagged"));
          }
          if (item.get("Deleted") != null) {
            ctx.out().println("Deleted: " + item.get("Deleted"));
          }
        }
      } catch (ApiException e) {
        errors.add("Error response from daemon: " + e.getMessage());
        // docker rmi -f reports a missing image but does not fail for it
        failed |= !(force && e.status() == 404);
      }
    }
    errors.forEach(ctx.err()::println);
    return failed ? 1 : 0;
  }
}
