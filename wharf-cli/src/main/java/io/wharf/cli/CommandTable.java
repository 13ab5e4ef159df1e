package io.wharf.cli;

import io.wharf.cli.commands.AttachCommand;
import io.wharf.cli.commands.BuildCommand;
import io.wharf.cli.commands.BuilderPruneCommand;
import io.wharf.cli.commands.ContainerVerbs;
import io.wharf.cli.commands.CpCommand;
import io.wharf.cli.commands.CreateCommand;
import io.wharf.cli.commands.EventsCommand;
import io.wharf.cli.commands.ExecCommand;
import io.wharf.cli.commands.HistoryCommand;
import io.wharf.cli.commands.ImagePruneCommand;
import io.wharf.cli.commands.ImagesCommand;
import io.wharf.cli.commands.ImportCommand;
import io.wharf.cli.commands.InfoCommand;
import io.wharf.cli.commands.InspectCommand;
import io.wharf.cli.commands.LoadCommand;
import io.wharf.cli.commands.LoginCommand;
import io.wharf.cli.commands.LogoutCommand;
import io.wharf.cli.commands.LogsCommand;
import io.wharf.cli.commands.NetworkConnectCommand;
import io.wharf.cli.commands.NetworkCreateCommand;
import io.wharf.cli.commands.NetworkDisconnectCommand;
import io.wharf.cli.commands.NetworkInspectCommand;
import io.wharf.cli.commands.NetworkLsCommand;
import io.wharf.cli.commands.NetworkPruneCommand;
import io.wharf.cli.commands.NetworkRmCommand;
import io.wharf.cli.commands.PortCommand;
import io.wharf.cli.commands.PsCommand;
import io.wharf.cli.commands.PullCommand;
import io.wharf.cli.commands.PushCommand;
import io.wharf.cli.commands.RegistryCommand;
import io.wharf.cli.commands.RmiCommand;
import io.wharf.cli.commands.RunCommand;
import io.wharf.cli.commands.SaveCommand;
import io.wharf.cli.commands.StatsCommand;
import io.wharf.cli.commands.SystemDfCommand;
import io.wharf.cli.commands.SystemPruneCommand;
import io.wharf.cli.commands.TagCommand;
import io.wharf.cli.commands.TopCommand;
import io.wharf.cli.commands.UpdateCommand;
import io.wharf.cli.commands.VersionCommand;
import io.wharf.cli.commands.VolumeCreateCommand;
import io.wharf.cli.commands.VolumeInspectCommand;
import io.wharf.cli.commands.VolumeLsCommand;
import io.wharf.cli.commands.VolumePruneCommand;
import io.wharf.cli.commands.VolumeRmCommand;
import io.wharf.cli.commands.WharfCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every command {@code wharf} knows, by the names docker gives them: top-level commands and
 * management commands ({@code image ls}) with their aliases. Commands are made only when
 * run, so a command loads only its own classes.
 */
final class CommandTable {
  /** A command: how to make it and what {@code wharf --help} says of it. */
  record Entry(Supplier<WharfCommand> factory, String summary) {}

  static final Map<String, Entry> TOP = new LinkedHashMap<>();
  static final Map<String, Map<String, Entry>> GROUPS = new LinkedHashMap<>();
  static final Map<String, String> GROUP_SUMMARIES = new LinkedHashMap<>();

  static {
    TOP.put("run", new Entry(RunCommand::new, "Create and run a new container from an image"));
    TOP.put("ps", new Entry(PsCommand::new, "List containers"));
    TOP.put("build", new Entry(BuildCommand::new, "Build an image from a Dockerfile"));
    TOP.put("pull", new Entry(PullCommand::new, "Download an image from a registry"));
    TOP.put("push", new Entry(PushCommand::new, "Upload an image to a registry"));
    TOP.put("images", new Entry(ImagesCommand::new, "List images"));
    TOP.put("login", new Entry(LoginCommand::new, "Authenticate to a registry"));
    TOP.put("logout", new Entry(LogoutCommand::new, "Log out from a registry"));
    TOP.put("info", new Entry(InfoCommand::new, "Display system-wide information"));
    TOP.put("version", new Entry(VersionCommand::new, "Show the Wharf version information"));
    TOP.put("inspect", new Entry(InspectCommand::new, "Return low-level information on Docker objects"));
    TOP.put("history", new Entry(HistoryCommand::new, "Show the history of an image"));
    TOP.put("import", new Entry(ImportCommand::new, "Import the contents from a tarball to create a filesystem image"));
    TOP.put("load", new Entry(LoadCommand::new, "Load an image from a tar archive or STDIN"));
    TOP.put("rmi", new Entry(RmiCommand::new, "Remove one or more images"));
    TOP.put("save", new Entry(SaveCommand::new, "Save one or more images to a tar archive (streamed to STDOUT by default)"));
    TOP.put("tag", new Entry(TagCommand::new, "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"));
    TOP.put("create", new Entry(CreateCommand::new, "Create a new container"));
    TOP.put("start", new Entry(ContainerVerbs.Start::new, "Start one or more stopped containers"));
    TOP.put("stop", new Entry(ContainerVerbs.Stop::new, "Stop one or more running containers"));
    TOP.put("kill", new Entry(ContainerVerbs.Kill::new, "Kill one or more running containers"));
    TOP.put("rm", new Entry(ContainerVerbs.Rm::new, "Remove one or more containers"));
    TOP.put("wait", new Entry(ContainerVerbs.Wait::new, "Block until one or more containers stop, then print their exit codes"));
    TOP.put("logs", new Entry(LogsCommand::new, "Fetch the logs of a container"));
    TOP.put("exec", new Entry(ExecCommand::new, "Execute a command in a running container"));
    TOP.put("attach", new Entry(AttachCommand::new,
        "Attach local standard input, output, and error streams to a running container"));
    TOP.put("port", new Entry(PortCommand::new, "List port mappings or a specific mapping for the container"));
    TOP.put("cp", new Entry(CpCommand::new, "Copy files/folders between a container and the local filesystem"));
    TOP.put("stats", new Entry(StatsCommand::new, "Display a live stream of container(s) resource usage statistics"));
    TOP.put("top", new Entry(TopCommand::new, "Display the running processes of a container"));
    TOP.put("events", new Entry(EventsCommand::new, "Get real time events from the server"));
    TOP.put("update", new Entry(UpdateCommand::new, "Update configuration of one or more containers"));
    TOP.put("pause", new Entry(ContainerVerbs.Pause::new, "Pause all processes within one or more containers"));
    TOP.put("unpause", new Entry(ContainerVerbs.Unpause::new, "Unpause all processes within one or more containers"));

    Map<String, Entry> image = new LinkedHashMap<>();
    image.put("build", TOP.get("build"));
    image.put("history", TOP.get("history"));
    image.put("import", TOP.get("import"));
    image.put("inspect", new Entry(() -> new InspectCommand(true), "Display detailed information on one or more images"));
    image.put("load", TOP.get("load"));
    image.put("ls", TOP.get("images"));
    image.put("list", TOP.get("images"));
    image.put("prune", new Entry(ImagePruneCommand::new, "Remove unused images"));
    image.put("pull", TOP.get("pull"));
    image.put("push", TOP.get("push"));
    image.put("rm", TOP.get("rmi"));
    image.put("remove", TOP.get("rmi"));
    image.put("save", TOP.get("save"));
    image.put("tag", TOP.get("tag"));
    GROUPS.put("image", image);
    GROUP_SUMMARIES.put("image", "Manage images");

    Map<String, Entry> container = new LinkedHashMap<>();
    container.put("ls", TOP.get("ps"));
    container.put("list", TOP.get("ps"));
    container.put("ps", TOP.get("ps"));
    for (String verb : new String[] {"run", "create", "start", "stop", "kill", "rm", "wait", "logs", "exec", "attach",
        "port", "cp", "stats", "top"}) {
      container.put(verb, TOP.get(verb));
    }
    container.put("remove", TOP.get("rm"));
    container.put("update", TOP.get("update"));
    container.put("pause", TOP.get("pause"));
    container.put("unpause", TOP.get("unpause"));
    GROUPS.put("container", container);
    GROUP_SUMMARIES.put("container", "Manage containers");

    Map<String, Entry> builder = new LinkedHashMap<>();
    builder.put("build", TOP.get("build"));
    builder.put("prune", new Entry(BuilderPruneCommand::new, "Remove build cache"));
    GROUPS.put("builder", builder);
    GROUP_SUMMARIES.put("builder", "Manage builds");

    Map<String, Entry> registry = new LinkedHashMap<>();
    registry.put("serve", new Entry(() -> new RegistryCommand("serve"), "Serve an OCI distribution registry"));
    registry.put("gc", new Entry(() -> new RegistryCommand("gc"), "Remove blobs no manifest references"));
    GROUPS.put("registry", registry);
    GROUP_SUMMARIES.put("registry", "Run Wharf's registry server");

    Map<String, Entry> network = new LinkedHashMap<>();
    network.put("connect", new Entry(NetworkConnectCommand::new, "Connect a container to a network"));
    network.put("create", new Entry(NetworkCreateCommand::new, "Create a network"));
    network.put("disconnect", new Entry(NetworkDisconnectCommand::new, "Disconnect a container from a network"));
    network.put("inspect", new Entry(NetworkInspectCommand::new, "Display detailed information on one or more networks"));
    network.put("ls", new Entry(NetworkLsCommand::new, "List networks"));
    network.put("list", network.get("ls"));
    network.put("prune", new Entry(NetworkPruneCommand::new, "Remove all unused networks"));
    network.put("rm", new Entry(NetworkRmCommand::new, "Remove one or more networks"));
    network.put("remove", network.get("rm"));
    GROUPS.put("network", network);
    GROUP_SUMMARIES.put("network", "Manage networks");

    Map<String, Entry> volume = new LinkedHashMap<>();
    volume.put("create", new Entry(VolumeCreateCommand::new, "Create a volume"));
    volume.put("inspect", new Entry(VolumeInspectCommand::new, "Display detailed information on one or more volumes"));
    volume.put("ls", new Entry(VolumeLsCommand::new, "List volumes"));
    volume.put("list", volume.get("ls"));
    volume.put("prune", new Entry(VolumePruneCommand::new, "Remove unused local volumes"));
    volume.put("rm", new Entry(VolumeRmCommand::new, "Remove one or more volumes"));
    volume.put("remove", volume.get("rm"));
    GROUPS.put("volume", volume);
    GROUP_SUMMARIES.put("volume", "Manage volumes");

    Map<String, Entry> system = new LinkedHashMap<>();
    system.put("df", new Entry(SystemDfCommand::new, "Show docker disk usage"));
    system.put("events", TOP.get("events"));
    system.put("info", TOP.get("info"));
    system.put("prune", new Entry(SystemPruneCommand::new, "Remove unused data"));
    GROUPS.put("system", system);
    GROUP_SUMMARIES.put("system", "Manage Wharf");
  }

  private CommandTable() {}
}
