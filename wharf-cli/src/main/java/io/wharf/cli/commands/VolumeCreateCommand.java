package io.wharf.cli.commands;

import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code wharf volume create}: {@code POST /volumes/create} with docker's body (empty fields
 * left out, as Go's omitempty), then the new volume's name.
 */
public final class VolumeCreateCommand extends WharfCommand {
  @Flag(names = {"-d", "--driver"}, label = "string", description = "Specify volume driver name (default \"local\")")
  String driver = "local";

  @Flag(names = "--label", label = "list", description = "Set metadata for a volume")
  List<String> labels = new ArrayList<>();

  @Flag(names = "--name", label = "string", description = "Specify volume name", hidden = true)
  String name;

  @Flag(names = {"-o", "--opt"}, label = "map", description = "Set driver specific options (default map[])")
  List<String> options = new ArrayList<>();

  @Override
  public String usageArgs() {
    return "[OPTIONS] [VOLUME]";
  }

  @Override
  public String description() {
    return "Create a volume";
  }

  @Override
  protected int run() throws Exception {
    Map<String, String> labelMap = FlagValues.labels(labels);
    requireArgs(args, 0, 1);
    String volume = name == null ? "" : name;
    if (args.size() == 1) {
      if (!volume.isEmpty()) {
        throw new UsageError("conflicting options: cannot specify a volume-name through both --name and as a positional arg", 1);
      }
      volume = args.getFirst();
    }
    Map<String, String> driverOptions = new TreeMap<>();
    for (String option : options) {
      int eq = option.indexOf('=');
      driverOptions.put(eq < 0 ? option : option.substring(0, eq), eq < 0 ? "" : option.substring(eq + 1));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (!driver.isEmpty()) {
      body.put("Driver", driver);
    }
    if (!driverOptions.isEmpty()) {
      body.put("DriverOpts", driverOptions);
    }
    if (!labelMap.isEmpty()) {
      body.put("Labels", labelMap);
    }
    if (!volume.isEmpty()) {
      body.put("Name", volume);
    }
    try (Response response = ctx.client().post("/volumes/create", body)) {
      ctx.out().println(Rows.text(response.object(), "Name"));
    }
    return 0;
  }
}
