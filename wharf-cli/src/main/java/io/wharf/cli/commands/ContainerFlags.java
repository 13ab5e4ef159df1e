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

  /** The body of {@code POST /containers/create}, as plain JSON values. */
  Map<String, Object> createBody() {
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
    body.put("HostConfig", Map.of("AutoRemove", autoRemove));
    return body;
  }
}
