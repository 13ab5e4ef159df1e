package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf update}: new resource limits or restart policy for running or stopped
 * containers, one {@code POST /containers/{id}/update} each with the fields given. As docker,
 * each name is printed as it succeeds, the daemon's warnings after them all, then the errors,
 * with exit 1 if any.
 */
public final class UpdateCommand extends ResourceFlags {
  @Flag(names = "--memory-swap", label = "bytes",
      description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
  String memorySwap;

  @Flag(names = "--restart", label = "string", description = "Restart policy to apply when a container exits")
  String restart;

  @Override
  public String usageArgs() {
    return "[OPTIONS] CONTAINER [CONTAINER...]";
  }

  @Override
  public String description() {
    return "Update configuration of one or more containers";
  }

  @Override
  String memorySwap() {
    return memorySwap;
  }

  @Override
  protected int run() throws Exception {
    Map<String, Object> body = resources();
    requireArgs(args, 1, -1);
    if (!anyResourceFlag() && restart == null) {
      throw new UsageError("you must provide one or more flags when using this command", 1);
    }
    if (restart != null && !restart.isEmpty()) {
      try {
        body.put("RestartPolicy", RestartPolicy.parse(restart).toJson());
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage(), 1);
      }
    }
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String container : args) {
      try (Response updated = ctx.client().post("/containers/" + container + "/update", body)) {
        ctx.out().println(container);
        if (updated.object().get("Warnings") instanceof List<?> given) {
          given.forEach(warning -> warnings.add(String.valueOf(warning)));
        }
      } catch (ApiException e) {
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    if (!warnings.isEmpty()) {
      ctx.out().println(String.join("\n", warnings));
    }
    errors.forEach(ctx.err()::println);
    return errors.isEmpty() ? 0 : 1;
  }
}
