package io.wharf.cli.commands;

import io.wharf.cli.format.GoTemplate;
import io.wharf.client.ApiException;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wharf volume inspect}: each volume's {@code GET /volumes/{name}} as one JSON array
 * (or a template per volume); a volume that cannot be read is reported after the others,
 * with exit 1, as docker does.
 */
public final class VolumeInspectCommand extends WharfCommand {
  @Flag(names = {"-f", "--format"}, label = "string", description = "Format output using a custom template")
  String format;

  @Override
  public String usageArgs() {
    return "[OPTIONS] VOLUME [VOLUME...]";
  }

  @Override
  public String description() {
    return "Display detailed information on one or more volumes";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    GoTemplate template = InspectCommand.template(format);
    List<Object> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String name : args) {
      try (Response response = ctx.client().get(Volumes.path(name))) {
        found.add(response.json());
      } catch (ApiException e) {
        errors.add("Error response from daemon: " + e.getMessage());
      }
    }
    return InspectCommand.report(ctx, template, found, errors);
  }
}
