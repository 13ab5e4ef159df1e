package io.wharf.cli.commands;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.cli.build.ContextException;
import io.wharf.cli.build.ContextTar;
import io.wharf.cli.build.Contexts;
import io.wharf.cli.build.IgnoreRules;
import io.wharf.cli.build.LocalContext;
import io.wharf.cli.build.Pipe;
import io.wharf.cli.build.StdinContext;
import io.wharf.cli.build.UploadProgress;
import io.wharf.cli.format.JsonMessages;
import io.wharf.client.ApiException;
import io.wharf.client.EngineClient;
import io.wharf.client.JsonValues;
import io.wharf.client.Response;
import io.wharf.oci.ImageReference;
import io.wharf.oci.errors.InvalidArgument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * {@code wharf build} (and {@code image build}, {@code builder build}): the docker CLI's
 * classic builder ({@code DOCKER_BUILDKIT=0}). The context — a directory sent as a tar with its
 * .dockerignore applied, stdin (an archive, or a Dockerfile wrapped in one), or a URL the
 * daemon fetches — goes to {@code POST /build} with the query docker sends; the answer is a
 * JSON message stream. A failed build exits with the code of its {@code errorDetail}.
 */
public final class BuildCommand extends WharfCommand {
  @Flag(names = "--add-host", label = "list", description = "Add a custom host-to-IP mapping (\"host:ip\")")
  List<String> addHosts = new ArrayList<>();

  @Flag(names = "--build-arg", label = "list", description = "Set build-time variables")
  List<String> buildArgs = new ArrayList<>();

  @Flag(names = "--cache-from", label = "strings", description = "Images to consider as cache sources")
  List<String> cacheFrom = new ArrayList<>();

  @Flag(names = "--cgroup-parent", label = "string", description = "Set the parent cgroup for the \"RUN\" instructions during build")
  String cgroupParent = "";

  @Flag(names = "--compress", description = "Compress the build context using gzip")
  boolean compress;

  @Flag(names = "--cpu-period", label = "int", description = "Limit the CPU CFS (Completely Fair Scheduler) period")
  String cpuPeriod;

  @Flag(names = "--cpu-quota", label = "int", description = "Limit the CPU CFS (Completely Fair Scheduler) quota")
  String cpuQuota;

  @Flag(names = {"-c", "--cpu-shares"}, label = "int", description = "CPU shares (relative weight)")
  String cpuShares;

  @Flag(names = "--cpuset-cpus", label = "string", description = "CPUs in which to allow execution (0-3, 0,1)")
  String cpusetCpus = "";

  @Flag(names = "--cpuset-mems", label = "string", description = "MEMs in which to allow execution (0-3, 0,1)")
  String cpusetMems = "";

  @Flag(names = "--disable-content-trust", description = "Skip image verification (deprecated)", hidden = true)
  boolean disableContentTrust = true;

  @Flag(names = {"-f", "--file"}, label = "string", description = "Name of the Dockerfile (Default is \"PATH/Dockerfile\")")
  String file;

  @Flag(names = "--force-rm", description = "Always remove intermediate containers")
  boolean forceRm;

  @Flag(names = "--iidfile", label = "string", description = "Write the image ID to the file")
  String iidfile;

  @Flag(names = "--isolation", label = "string", description = "Container isolation technology")
  String isolation = "";

  @Flag(names = "--label", label = "list", description = "Set metadata for an image")
  List<String> labels = new ArrayList<>();

  @Flag(names = {"-m", "--memory"}, label = "bytes", description = "Memory limit")
  String memory;

  @Flag(names = "--memory-swap", label = "bytes", description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
  String memorySwap;

  @Flag(names = "--network", label = "string", description = "Set the networking mode for the RUN instructions during build (default \"default\")")
  String network = "default";

  @Flag(names = "--no-cache", description = "Do not use cache when building the image")
  boolean noCache;

  @Flag(names = "--platform", label = "string", description = "Set platform if server is multi-platform capable")
  String platform;

  @Flag(names = "--pull", description = "Always attempt to pull a newer version of the image")
  boolean pull;

  @Flag(names = {"-q", "--quiet"}, description = "Suppress the build output and print image ID on success")
  boolean quiet;

  @Flag(names = "--rm", description = "Remove intermediate containers after a successful build (default true)")
  boolean rm = true;

  @Flag(names = "--security-opt", label = "strings", description = "Security options")
  List<String> securityOpts = new ArrayList<>();

  @Flag(names = "--shm-size", label = "bytes", description = "Size of \"/dev/shm\"")
  String shmSize;

  @Flag(names = {"-t", "--tag"}, label = "list", description = "Name and optionally a tag in the \"name:tag\" format")
  List<String> tags = new ArrayList<>();

  @Flag(names = "--target", label = "string", description = "Set the target build stage to build.")
  String target = "";

  /** The flags' values, checked as docker's flag parsing checks them; set by {@link #checkFlags()}. */
  private SortedMap<String, Object> flagQuery;

  private String imageId = "";

  @Override
  public String usageArgs() {
    return "[OPTIONS] PATH | URL | -";
  }

  @Override
  public String description() {
    return "Build an image from a Dockerfile";
  }

  /** What is sent: the body (null for a URL the daemon fetches), its Dockerfile's name, the URL. */
  record Prepared(InputStream body, String dockerfile, String remote) {}

  /** Where the upload's progress and the build's output go: stdout, or buffers under {@code -q}. */
  private record Outputs(ByteArrayOutputStream progressBuffer, ByteArrayOutputStream buildBuffer,
      PrintStream progress, PrintStream build) {
    static Outputs of(boolean quiet, PrintStream out) {
      ByteArrayOutputStream progressBuffer = new ByteArrayOutputStream();
      ByteArrayOutputStream buildBuffer = new ByteArrayOutputStream();
      return quiet
          ? new Outputs(progressBuffer, buildBuffer, new PrintStream(progressBuffer, true, StandardCharsets.UTF_8),
              new PrintStream(buildBuffer, true, StandardCharsets.UTF_8))
          : new Outputs(progressBuffer, buildBuffer, out, out);
    }

    String progressText() {
      return progressBuffer.toString(StandardCharsets.UTF_8);
    }

    String buildText() {
      return buildBuffer.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  protected int run() throws Exception {
    checkFlags();
    requireArgs(args, 1, 1);
    String context = args.get(0);
    if ("-".equals(file) && context.equals("-")) {
      ctx.err().println("invalid argument: can't use stdin for both build context and dockerfile");
      return 1;
    }
    Outputs outputs = Outputs.of(quiet, ctx.out());
    if (!removeStaleImageId()) {
      return 1;
    }
    Prepared prepared;
    try {
      prepared = prepare(context);
    } catch (ContextException e) {
      ctx.err().println(e.getMessage());
      return 1;
    }
    String path = EngineClient.path("/build", query(prepared.dockerfile(), prepared.remote()));
    try (InputStream upload = upload(prepared.body(), outputs.progress());
        Response response = ctx.client().request(HttpMethod.POST, path, "application/x-tar", upload,
            registryConfig())) {
      JsonMessages.display(response.body(), outputs.build(), this::aux);
    } catch (ApiException e) {
      if (quiet) {
        ctx.err().print(outputs.progressText());
      }
      throw e;
    } catch (JsonMessages.Failure e) {
      if (quiet) {
        ctx.err().print(outputs.progressText() + outputs.buildText());
      }
      if (!e.getMessage().isEmpty()) {
        ctx.err().println(e.getMessage());
      }
      return e.code() == 0 ? 1 : e.code();
    }
    if (quiet) {
      // docker takes all the quiet output for the ID, newline included, for --iidfile too
      imageId = outputs.buildText();
      ctx.out().print(imageId);
    }
    return writeImageId();
  }

  /** The body as sent: gzipped under {@code --compress}, its size shown as it goes; null stays null. */
  private InputStream upload(InputStream body, PrintStream progress) throws IOException {
    if (body == null) {
      return null;
    }
    InputStream sent = body;
    if (compress) {
      sent = Pipe.from("wharf-build-gzip", out -> {
        try (body; GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
          body.transferTo(gzip);
        }
      });
    }
    return new UploadProgress(sent, progress, isTerminal());
  }

  private Prepared prepare(String context) throws ContextException, IOException {
    return switch (Contexts.kind(context)) {
      case STDIN -> {
        StdinContext stdin = StdinContext.read(ctx.in(), file);
        yield new Prepared(stdin.body(), stdin.relDockerfile(), null);
      }
      case GIT, URL -> {
        if ("-".equals(file)) {
          throw new ContextException("unable to prepare context: a Dockerfile from stdin cannot go with a URL context in wharf");
        }
        yield new Prepared(null, file == null ? "" : file, context);
      }
      case LOCAL -> local(context);
    };
  }

  /** A directory: checked whole first, then streamed as a tar while it is sent. */
  private Prepared local(String context) throws ContextException, IOException {
    LocalContext local = LocalContext.resolve(context, file);
    ContextTar.ExtraDockerfile extra = null;
    if ("-".equals(file)) {
      extra = ContextTar.ExtraDockerfile.withRandomName(ctx.in().readAllBytes());
    } else if (local.outside() != null) {
      try {
        extra = ContextTar.ExtraDockerfile.withRandomName(Files.readAllBytes(local.outside()));
      } catch (IOException e) {
        throw new ContextException("unable to open Dockerfile: open " + file + ": " + Contexts.reason(e));
      }
    }
    ContextTar tar = new ContextTar(local.dir(), IgnoreRules.read(local.dir(), local.relDockerfile()));
    tar.validate();
    ContextTar.ExtraDockerfile added = extra;
    InputStream body = Pipe.from("wharf-build-context", out -> tar.writeTo(out, added));
    return new Prepared(body, added != null ? added.name() : local.relDockerfile(), null);
  }

  /**
   * Checks the flags' values as docker's flag parsing does (exit 125) and keeps the query
   * parameters they make: docker's client sends only what differs from the daemon's defaults.
   */
  void checkFlags() {
    SortedMap<String, Object> query = new TreeMap<>();
    for (String tag : tags) {
      try {
        ImageReference.parse(tag);
      } catch (InvalidArgument e) {
        throw FlagValues.invalid(tag, "-t, --tag", e.getMessage());
      }
    }
    putIf(query, "t", tags, !tags.isEmpty());
    Map<String, String> args = FlagValues.buildArgs(buildArgs, ctx == null ? Map.of() : ctx.env());
    putIf(query, "buildargs", JsonValues.write(args), !args.isEmpty());
    Map<String, String> labelMap = FlagValues.labels(labels);
    putIf(query, "labels", JsonValues.write(labelMap), !labelMap.isEmpty());
    List<String> hosts = FlagValues.extraHosts(addHosts);
    putIf(query, "extrahosts", hosts, !hosts.isEmpty());
    List<String> caches = FlagValues.slice(cacheFrom);
    putIf(query, "cachefrom", JsonValues.write(caches), !caches.isEmpty());
    List<String> security = FlagValues.slice(securityOpts);
    putIf(query, "securityopt", security, !security.isEmpty());
    putNonZero(query, "memory", FlagValues.memBytes(memory, "-m, --memory"));
    putNonZero(query, "memswap", "-1".equals(memorySwap) ? -1 : FlagValues.memBytes(memorySwap, "--memory-swap"));
    putNonZero(query, "shmsize", FlagValues.memBytes(shmSize, "--shm-size"));
    putNonZero(query, "cpushares", FlagValues.int64(cpuShares, "-c, --cpu-shares"));
    putNonZero(query, "cpuperiod", FlagValues.int64(cpuPeriod, "--cpu-period"));
    putNonZero(query, "cpuquota", FlagValues.int64(cpuQuota, "--cpu-quota"));
    putIf(query, "cpusetcpus", cpusetCpus, !cpusetCpus.isEmpty());
    putIf(query, "cpusetmems", cpusetMems, !cpusetMems.isEmpty());
    putIf(query, "cgroupparent", cgroupParent, !cgroupParent.isEmpty());
    putIf(query, "isolation", isolation, !isolation.isEmpty() && !isolation.equalsIgnoreCase("default"));
    putIf(query, "networkmode", network, !network.isEmpty() && !network.equals("default"));
    putIf(query, "target", target, !target.isEmpty());
    String platformValue = platform != null ? platform : ctx == null ? null : ctx.env().get("DOCKER_DEFAULT_PLATFORM");
    putIf(query, "platform", platformValue == null ? "" : platformValue.toLowerCase(Locale.ROOT),
        platformValue != null && !platformValue.isEmpty());
    putIf(query, "q", "1", quiet);
    putIf(query, "nocache", "1", noCache);
    putIf(query, "rm", "0", !rm); // the daemon removes intermediate containers unless told not to
    putIf(query, "forcerm", "1", forceRm);
    putIf(query, "pull", "1", pull);
    query.put("version", "1");
    flagQuery = query;
  }

  /**
   * Every stored login, for base images the daemon pulls ({@code X-Registry-Config}), as
   * docker sends it; a config file that cannot be read sends none, as docker's warning-less
   * fallback does.
   */
  private Map<String, String> registryConfig() {
    Map<String, io.wharf.cli.auth.AuthConfig> all;
    try {
      all = io.wharf.cli.auth.DockerConfigFile.load(ctx.env()).all();
    } catch (IOException e) {
      all = Map.of();
    }
    return Map.of("X-Registry-Config", io.wharf.cli.auth.AuthConfig.buildHeader(all));
  }

  /** The query of {@code POST /build}, keys sorted as Go encodes them. */
  SortedMap<String, Object> query(String dockerfile, String remote) {
    SortedMap<String, Object> query = new TreeMap<>(flagQuery);
    putIf(query, "dockerfile", dockerfile, dockerfile != null && !dockerfile.isEmpty());
    putIf(query, "remote", remote, remote != null);
    return query;
  }

  /** An {@code aux} message: the built image's ID, as {@code types.BuildResult}. */
  void aux(Object aux) {
    if (aux instanceof Map<?, ?> result) {
      imageId = result.get("ID") instanceof String id ? id : "";
    } else {
      String kind = aux instanceof String ? "string" : aux instanceof List<?> ? "array"
          : aux instanceof Boolean ? "bool" : "number";
      ctx.err().print("Failed to parse aux message: json: cannot unmarshal " + kind
          + " into Go value of type types.BuildResult");
    }
  }

  /** {@code --iidfile}: a file left from an earlier build goes first, so that a failure leaves none. */
  private boolean removeStaleImageId() {
    if (iidfile == null || iidfile.isEmpty()) {
      return true;
    }
    try {
      Files.deleteIfExists(Path.of(iidfile));
      return true;
    } catch (IOException e) {
      ctx.err().println("Removing image ID file: remove " + iidfile + ": " + Contexts.reason(e));
      return false;
    }
  }

  /** {@code --iidfile}: the image ID, as it is (no newline added). */
  int writeImageId() {
    if (iidfile == null || iidfile.isEmpty()) {
      return 0;
    }
    if (imageId.isEmpty()) {
      ctx.err().println("Server did not provide an image ID. Cannot write " + iidfile);
      return 1;
    }
    try {
      Files.writeString(Path.of(iidfile), imageId, StandardCharsets.UTF_8);
    } catch (IOException e) {
      ctx.err().println("open " + iidfile + ": " + Contexts.reason(e));
      return 1;
    }
    return 0;
  }

  private static boolean isTerminal() {
    return System.console() != null && System.console().isTerminal();
  }

  private static void putIf(Map<String, Object> query, String key, Object value, boolean condition) {
    if (condition) {
      query.put(key, value);
    }
  }

  private static void putNonZero(Map<String, Object> query, String key, long value) {
    putIf(query, key, value, value != 0);
  }
}
