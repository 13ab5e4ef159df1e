package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags {@code run} and {@code create} share, and the create body they make (with the
 * lifecycle flags of {@link LifecycleFlags}). Flags this engine cannot honour yet are refused,
 * never ignored.
 */
abstract class ContainerFlags extends LifecycleFlags {
  @Flag(names = "--name", label = "string", description = "Assign a name to the container")
  String name;

  @Flag(names = {"-e", "--env"}, label = "list", description = "Set environment variables")
  List<String> env = new ArrayList<>();

  @Flag(names = "--env-file", label = "list", description = "Read in a file of environment variables")
  List<String> envFiles = new ArrayList<>();

  @Flag(names = {"-w", "--workdir"}, label = "string", description = "Working directory inside the container")
  String workdir;

  @Flag(names = {"-u", "--user"}, label = "string", description = "Username or UID (format: <name|uid>[:<group|gid>])")
  String user;

  @Flag(names = "--entrypoint", label = "string", description = "Overwrite the default ENTRYPOINT of the image")
  String entrypoint;

  @Flag(names = {"-h", "--hostname"}, label = "string", description = "Container host name")
  String hostname;

  @Flag(names = {"-l", "--label"}, label = "list", description = "Set meta data on a container")
  List<String> labels = new ArrayList<>();

  @Flag(names = "--rm", description = "Automatically remove the container and its associated anonymous volumes when it exits")
  boolean autoRemove;

  @Flag(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
  boolean interactive;

  @Flag(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
  boolean tty;

  @Flag(names = {"-p", "--publish"}, label = "list", description = "Publish a container's port(s) to the host")
  List<String> publish = new ArrayList<>();

  @Flag(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports")
  boolean publishAll;

  @Flag(names = "--expose", label = "list", description = "Expose a port or a range of ports")
  List<String> expose = new ArrayList<>();

  @Flag(names = "--network", label = "network", description = "Connect a container to a network")
  List<String> networks = new ArrayList<>();

  // docker's older spellings share the list, so the order of networks is kept
  @Flag(names = "--net", label = "network", hidden = true)
  List<String> net = networks;

  @Flag(names = "--network-alias", label = "list", description = "Add network-scoped alias for the container")
  List<String> networkAliases = new ArrayList<>();

  @Flag(names = "--net-alias", label = "list", hidden = true)
  List<String> netAliases = networkAliases;

  @Flag(names = "--ip", label = "string", description = "IPv4 address (e.g., 172.30.100.104)")
  String ip;

  @Flag(names = "--dns", label = "list", description = "Set custom DNS servers")
  List<String> dns = new ArrayList<>();

  @Flag(names = "--dns-option", label = "list", description = "Set DNS options")
  List<String> dnsOptions = new ArrayList<>();

  @Flag(names = "--dns-opt", label = "list", hidden = true)
  List<String> dnsOpt = dnsOptions;

  @Flag(names = "--dns-search", label = "list", description = "Set custom DNS search domains")
  List<String> dnsSearch = new ArrayList<>();

  @Flag(names = "--add-host", label = "list", description = "Add a custom host-to-IP mapping (host:ip)")
  List<String> addHosts = new ArrayList<>();

  @Flag(names = {"-v", "--volume"}, label = "list", description = "Bind mount a volume")
  List<String> volumes = new ArrayList<>();

  @Flag(names = "--mount", label = "mount", description = "Attach a filesystem mount to the container")
  List<String> mounts = new ArrayList<>();

  @Flag(names = "--tmpfs", label = "list", description = "Mount a tmpfs directory")
  List<String> tmpfs = new ArrayList<>();

  @Flag(names = "--volumes-from", label = "list", description = "Mount volumes from the specified container(s)")
  List<String> volumesFrom = new ArrayList<>();

  @Flag(names = "--volume-driver", label = "string", description = "Optional volume driver for the container")
  String volumeDriver;

  @Override
  protected boolean interspersed() {
    return false;
  }

  @Override
  public String usageArgs() {
    return "[OPTIONS] IMAGE [COMMAND] [ARG...]";
  }

  /**
   * {@code --env-file} lines then {@code -e}, as the docker CLI reads them: blank lines and
   * {@code #} comments skipped, {@code KEY} alone takes this shell's value (or is left out).
   */
  List<String> environment() {
    List<String> all = new ArrayList<>();
    for (String file : envFiles) {
      List<String> lines;
      try {
        lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(file));
      } catch (java.io.IOException e) {
        throw new UsageError("open " + file + ": no such file or directory", 125);
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).stripLeading();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("=")) {
          throw new UsageError("invalid environment variable: " + line + " (" + file + " line " + (i + 1) + ")", 125);
        }
        all.add(line);
      }
    }
    all.addAll(env);
    List<String> resolved = new ArrayList<>();
    for (String e : all) {
      if (e.contains("=")) {
        resolved.add(e);
      } else if (ctx.env().get(e) != null) {
        resolved.add(e + "=" + ctx.env().get(e));
      }
    }
    return resolved;
  }

  /**
   * The body of {@code POST /containers/create}, as plain JSON values. Flag values are checked
   * in docker's order: those its flag parser checks ({@code --dns}, {@code --add-host}, the
   * limits, {@code --mount}), then volumes, ports, the environment, the restart policy, log and
   * health options, and the networks.
   */
  Map<String, Object> createBody() {
    List<String> dnsServers = FlagValues.ipAddresses(dns, "--dns");
    List<String> searchDomains = FlagValues.dnsSearch(dnsSearch);
    List<String> extraHosts = FlagValues.extraHosts(addHosts);
    Map<String, Object> limits = limits();
    Healthcheck health = healthcheck();
    ContainerStorage storage;
    try {
      storage = ContainerStorage.of(volumes, mounts, tmpfs, volumesFrom, java.nio.file.Path.of("").toAbsolutePath().toString());
    } catch (IllegalArgumentException e) {
      throw refused(e.getMessage());
    }
    PublishedPorts ports;
    try {
      ports = PublishedPorts.of(publish, expose);
    } catch (IllegalArgumentException e) {
      throw refused(e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", args.getFirst());
    if (args.size() > 1) {
      body.put("Cmd", new ArrayList<>(args.subList(1, args.size())));
    }
    if (entrypoint != null) {
      body.put("Entrypoint", entrypoint.isEmpty() ? List.of() : List.of(entrypoint));
    }
    body.put("Env", environment());
    if (workdir != null) {
      body.put("WorkingDir", workdir);
    }
    if (user != null) {
      body.put("User", user);
    }
    if (hostname != null) {
      body.put("Hostname", hostname);
    }
    Map<String, Object> labelMap = new LinkedHashMap<>();
    for (String label : labels) {
      int eq = label.indexOf('=');
      labelMap.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
    }
    body.put("Labels", labelMap);
    body.put("Tty", tty);
    body.put("OpenStdin", interactive);
    body.put("StdinOnce", interactive);
    body.put("AttachStdin", interactive);
    body.put("AttachStdout", true);
    body.put("AttachStderr", true);
    if (!ports.exposed().isEmpty()) {
      body.put("ExposedPorts", ports.exposed());
    }
    body.put("Volumes", storage.volumes()); // docker sends {} when there are none
    Map<String, Object> hostConfig = new LinkedHashMap<>();
    NetworkAttachments attachments;
    try {
      addLifecycle(body, hostConfig, health, autoRemove);
      attachments = NetworkAttachments.of(networks, networkAliases, ip);
    } catch (IllegalArgumentException e) {
      throw refused(e.getMessage());
    }
    if (!storage.binds().isEmpty()) {
      hostConfig.put("Binds", storage.binds());
    }
    hostConfig.put("AutoRemove", autoRemove);
    if (volumeDriver != null && !volumeDriver.isEmpty()) {
      hostConfig.put("VolumeDriver", volumeDriver);
    }
    if (!storage.volumesFrom().isEmpty()) {
      hostConfig.put("VolumesFrom", storage.volumesFrom());
    }
    hostConfig.put("NetworkMode", attachments.networkMode());
    hostConfig.put("PortBindings", ports.bindings());
    hostConfig.put("PublishAllPorts", publishAll);
    hostConfig.put("Dns", dnsServers);
    hostConfig.put("DnsOptions", new ArrayList<>(dnsOptions));
    hostConfig.put("DnsSearch", searchDomains);
    if (!extraHosts.isEmpty()) {
      hostConfig.put("ExtraHosts", extraHosts);
    }
    if (!storage.tmpfs().isEmpty()) {
      hostConfig.put("Tmpfs", storage.tmpfs());
    }
    if (!storage.mounts().isEmpty()) {
      hostConfig.put("Mounts", storage.mounts());
    }
    hostConfig.putAll(limits);
    body.put("HostConfig", hostConfig);
    body.put("NetworkingConfig", Map.of("EndpointsConfig", attachments.endpoints()));
    return body;
  }

  /** A bad option, reported as docker's run and create report them: {@code docker: why.}, exit 125. */
  static UsageError refused(String why) {
    return new UsageError("wharf: " + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why) + ".", 125);
  }
}
