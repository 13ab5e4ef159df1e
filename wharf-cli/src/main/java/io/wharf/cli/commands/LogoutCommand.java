package io.wharf.cli.commands;

import io.wharf.cli.auth.DockerConfigFile;
import io.wharf.cli.auth.RegistryKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wharf logout}: forgets a server's credentials, as docker does — Docker Hub's under its
 * one key; another server's under the host and the spellings older clients stored
 * ({@code http://host}, {@code https://host}). Each key goes to its own store (a helper, or
 * {@code auths}); a warning only when every erase failed. Needs no daemon.
 */
public final class LogoutCommand extends WharfCommand {
  @Override
  public String usageArgs() {
    return "[SERVER]";
  }

  @Override
  public String description() {
    return "Log out from a registry";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 1);
    String server = args.isEmpty() ? "" : args.get(0);
    List<String> keys = new ArrayList<>();
    String shown;
    if (server.isEmpty()) {
      shown = RegistryKeys.INDEX_SERVER;
      keys.add(shown);
    } else {
      shown = RegistryKeys.hostname(server);
      keys.addAll(List.of(server, shown, "http://" + shown, "https://" + shown));
    }
    DockerConfigFile config;
    try {
      config = DockerConfigFile.load(ctx.env());
    } catch (IOException e) {
      ctx.err().println(e.getMessage());
      return 1;
    }
    ctx.out().println("Removing login credentials for " + shown);
    Map<String, String> errors = new LinkedHashMap<>();
    for (String key : keys) {
      try {
        config.erase(key);
      } catch (IOException e) {
        errors.put(key, e.getMessage());
      }
    }
    if (errors.size() == keys.size()) {
      ctx.err().println("WARNING: could not erase credentials:");
      errors.forEach((key, message) -> ctx.err().println(key + ": " + message));
    }
    return 0;
  }
}
