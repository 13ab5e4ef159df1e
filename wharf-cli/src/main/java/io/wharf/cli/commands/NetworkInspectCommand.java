package io.wharf.cli.commands;

import io.wharf.cli.format.GoTemplate;
import io.wharf.client.ApiException;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wharf network inspect}: each network's {@code GET /networks/{id}} as one JSON array
 * (or a template per network); a network that cannot be read is reported after the others,
 * with exit 1, as docker does.
 */
public final class NetworkInspectCommand extends WharfCommand {
  @Flag(names = {"-f", "--format"}, label = "string", description = "Format output using a custom template")
  String format;

  @Flag(names = {"-v", "--verbose"}, description = "Verbose output for diagnostics")
  boolean verbose;

  @Override
  public String usageArgs() {
    return "[OPTIONS] NETWORK [NETWORK...]";
  }

  @Override
  public String description() {
    return "Display detailed information on one or more networks";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    GoTemplate template = InspectCommand.template(format);
    List<Object> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String name : args) {
      try (Response response = ctx.client().get(Networks.path(name) + (verbose ? "?verbose=true" : ""))) {
        found.add(response.json());
      } catch (ApiException e) {
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    return InspectCommand.report(ctx, template, found, errors);
  }
}
