package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.Map;

/** {@code wharf create}: prints the new container's ID. */
public final class CreateCommand extends ContainerFlags {
  @Override
  public String description() {
    return "Create a new container";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    try (Response created = ctx.client().post(EngineClient.path("/containers/create", Map.of("name", name == null ? "" : name)),
        createBody())) {
      ctx.out().println(created.object().get("Id"));
    }
    return 0;
  }
}
