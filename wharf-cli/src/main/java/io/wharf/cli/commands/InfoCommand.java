package io.wharf.cli.commands;

import io.wharf.cli.Wharf;
import io.wharf.cli.format.GoTemplate;
import io.wharf.cli.format.Units;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code wharf info}: system-wide information, laid out as docker's. */
public final class InfoCommand extends WharfCommand {
  private static final String TEMPLATE = """
      Client:
       Version:    {{.ClientInfo.Version}}
       Context:    default
       Debug Mode: {{.ClientInfo.Debug}}

      Server:
       Containers: {{.Containers}}
        Running: {{.ContainersRunning}}
        Paused: {{.ContainersPaused}}
        Stopped: {{.ContainersStopped}}
       Images: {{.Images}}
       Server Version: {{.ServerVersion}}
       Storage Driver: {{.Driver}}
      {{- range .DriverStatus}}
        {{index . 0}}: {{index . 1}}
      {{- end}}
       Logging Driver: {{.LoggingDriver}}
       Cgroup Driver: {{.CgroupDriver}}
       Cgroup Version: {{.CgroupVersion}}
       Runtimes: {{range $name, $_ := .Runtimes}}{{$name}} {{end}}
       Default Runtime: {{.DefaultRuntime}}
       Init Binary: {{.InitBinary}}
       Security Options:
      {{- range .SecurityOptions}}
        {{.}}
      {{- end}}
       Kernel Version: {{.KernelVersion}}
       Operating System: {{.OperatingSystem}}
       OSType: {{.OSType}}
       Architecture: {{.Architecture}}
       CPUs: {{.NCPU}}
       Total Memory: {{.MemTotalHuman}}
       Name: {{.Name}}
       ID: {{.ID}}
       Docker Root Dir: {{.DockerRootDir}}
       Debug Mode: {{.Debug}}
       Experimental: {{.ExperimentalBuild}}
       Live Restore Enabled: {{.LiveRestoreEnabled}}
      {{- range .Warnings}}
      {{.}}
      {{- end}}""";

  @Flag(names = {"-f", "--format"}, label = "string", description = "Format output using a custom template")
  String format;

  @Override
  public String usageArgs() {
    return "[OPTIONS]";
  }

  @Override
  public String description() {
    return "Display system-wide information";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 0, 0);
    Map<String, Object> info;
    try (Response response = ctx.client().get("/info")) {
      info = response.object();
    }
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("Version", Wharf.VERSION);
    client.put("Debug", false);
    client.put("Context", "default");
    info.put("ClientInfo", client);
    Object mem = info.get("MemTotal");
    info.put("MemTotalHuman", Units.bytesSize(mem instanceof Number n ? n.doubleValue() : 0));
    String template = format == null ? TEMPLATE : format.replace("\\t", "\t").replace("\\n", "\n");
    ctx.out().println(GoTemplate.parse(template).execute(info));
    return 0;
  }
}
