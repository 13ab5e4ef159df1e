package io.wharf.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags {@code run} and {@code create} share, and the create body they make. Flags this
 * engine cannot honour yet are refused, never ignored.
 */
abstract class ContainerFlags extends WharfCommand {
  @Flag(names = "--name", label = "string", description = "Assign a name to the container")
  String name;

  @Flag(names = {"-e", "--env"}, label = "list", description = "Set environment variables")
  List<String> env = new ArrayList<>();

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

  @Flag(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached (not supported yet)")
  boolean interactive;

  @Flag(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY (not supported yet)")
  boolean tty;

  @Override
  protected boolean interspersed() {
    return false;
  }

  @Override
  public String usageArgs() {
    return "[OPTIONS] IMAGE [COMMAND] [ARG...]";
  }

  /** The body of {@code POST /containers/create}, as plain JSON values. */
  Map<String, Object> createBody() {
    if (interactive || tty) {
      throw new UsageError("wharf: -i and -t are not supported yet: containers run without stdin and terminal", 125);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Image", args.getFirst());
    if (args.size() > 1) {
      body.put("Cmd", new ArrayList<>(args.subList(1, args.size())));
    }
    if (entrypoint != null) {
      body.put("Entrypoint", entrypoint.isEmpty() ? List.of() : List.of(entrypoint));
    }
    body.put("Env", env);
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
    body.put("AttachStdout", true);
    body.put("AttachStderr", true);
    body.put("HostConfig", Map.of("AutoRemove", autoRemove));
    return body;
  }
}
