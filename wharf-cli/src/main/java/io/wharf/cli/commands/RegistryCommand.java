package io.wharf.cli.commands;

import io.wharf.registry.server.RegistryMain;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wharf registry serve|gc}: Wharf's registry server, run in this process (it needs no
 * daemon). Its flags are the server's own ({@code --addr}, {@code --root}, {@code --htpasswd},
 * {@code --tls-cert}, {@code --tls-key}; {@code gc --dry-run}), parsed by it.
 */
public final class RegistryCommand extends WharfCommand {
  private final String action;
  private String[] raw = new String[0];

  public RegistryCommand(String action) {
    this.action = action;
  }

  @Override
  public void parse(String[] arguments) {
    raw = arguments.clone(); // the server parses its own flags
  }

  @Override
  public String usageArgs() {
    return action.equals("serve") ? "--addr HOST:PORT --root DIR [--htpasswd FILE] [--tls-cert PEM --tls-key PEM]"
        : "--root DIR [--dry-run]";
  }

  @Override
  public String description() {
    return action.equals("serve") ? "Serve an OCI distribution registry" : "Remove blobs no manifest references";
  }

  @Override
  protected int run() {
    List<String> args = new ArrayList<>(List.of(action));
    args.addAll(List.of(raw));
    return RegistryMain.run(args.toArray(String[]::new), ctx.out(), ctx.err());
  }
}
