package io.wharf.cli.commands;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.cli.build.Pipe;
import io.wharf.cli.copy.CopyArgument;
import io.wharf.cli.copy.CopyFailure;
import io.wharf.cli.copy.CopyInfo;
import io.wharf.cli.copy.CopyPlan;
import io.wharf.cli.copy.CountingInputStream;
import io.wharf.cli.copy.LocalDestination;
import io.wharf.cli.copy.PathStat;
import io.wharf.cli.copy.SourceTar;
import io.wharf.cli.copy.TarExtractor;
import io.wharf.cli.copy.UnixPaths;
import io.wharf.cli.format.Units;
import io.wharf.client.ApiException;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code wharf cp}, {@code wharf container cp}: a tar through the archive routes, as docker's
 * {@code cp.go}. Out of a container: {@code GET /containers/{id}/archive?path=} (its stat in
 * the {@code X-Docker-Container-Path-Stat} header), extracted locally or written to stdout
 * with {@code -}. Into one: {@code HEAD …/archive?path=} to learn what the destination is,
 * then {@code PUT …/archive?noOverwriteDirNonDir=true&path=DIR} with a tar of the source (or
 * stdin's). Unless quiet (by default when stdout is not a terminal), the tar's size is
 * reported on stderr: {@code Successfully copied 2.05kB to c:/tmp/}.
 */
public final class CpCommand extends WharfCommand {
  @Flag(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)")
  boolean archive;

  @Flag(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH")
  boolean followLink;

  @Flag(names = {"-q", "--quiet"},
      description = "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached")
  Boolean quiet;

  @Override
  public String usageArgs() {
    return "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\twharf cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH";
  }

  @Override
  public String description() {
    return "Copy files/folders between a container and the local filesystem";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 2, 2);
    if (args.get(0).isEmpty()) {
      throw new UsageError("source can not be empty", 1);
    }
    if (args.get(1).isEmpty()) {
      throw new UsageError("destination can not be empty", 1);
    }
    if (quiet == null) {
      quiet = System.console() == null || !System.console().isTerminal();
    }
    CopyArgument source = CopyArgument.parse(args.get(0));
    CopyArgument destination = CopyArgument.parse(args.get(1));
    try {
      if (source.isContainer() && destination.isContainer()) {
        throw new CopyFailure("copying between containers is not supported");
      } else if (source.isContainer()) {
        copyFromContainer(source.container(), source.path(), destination.path());
      } else if (destination.isContainer()) {
        copyToContainer(source.path(), destination.container(), destination.path());
      } else {
        throw new CopyFailure("must specify at least one container source");
      }
    } catch (CopyFailure e) {
      ctx.err().println(e.getMessage());
      return 1;
    }
    return 0;
  }

  private void copyFromContainer(String container, String sourcePath, String destinationPath) throws Exception {
    String destination = destinationPath.equals("-") ? destinationPath : SourceTar.absolute(destinationPath);
    LocalDestination.validate(destination);
    String path = sourcePath;
    String rebaseName = "";
    if (followLink) {
      PathStat stat = stat(container, path);
      if (stat != null && stat.isSymlink()) {
        String target = stat.linkTarget();
        if (!UnixPaths.isAbsolute(target)) {
          target = UnixPaths.join(UnixPaths.splitPathDirEntry(path)[0], target);
        }
        String[] rebased = UnixPaths.rebaseName(path, target);
        path = rebased[0];
        rebaseName = rebased[1];
      }
    }
    try (Response response = ctx.client().get(archivePath(container, Map.of("path", path)))) {
      PathStat stat;
      try {
        stat = PathStat.decode(response.header(PathStat.HEADER));
      } catch (IllegalArgumentException e) {
        throw new CopyFailure("unable to get resource stat from response: " + e.getMessage());
      }
      if (destination.equals("-")) {
        response.body().transferTo(ctx.out());
        ctx.out().flush();
        return;
      }
      CountingInputStream content = new CountingInputStream(response.body());
      CopyInfo sourceInfo = new CopyInfo(path, true, stat.isDirectory(), rebaseName);
      CopyFailure failure = null;
      try {
        CopyPlan plan = CopyPlan.prepare(sourceInfo, LocalDestination.info(destination));
        String newBase = plan.newBase() != null ? plan.newBase() : rebaseName.isEmpty() ? null : rebaseName;
        new TarExtractor(plan.directory(), UnixPaths.splitPathDirEntry(path)[1], newBase).extract(content);
      } catch (CopyFailure e) {
        failure = e;
      } catch (java.nio.file.FileSystemException e) {
        failure = CopyFailure.of("open", e.getFile(), e);
      } catch (java.io.IOException e) {
        failure = new CopyFailure(e.getMessage());
      }
      if (!quiet) {
        ctx.err().println("Successfully copied " + Units.humanSize(content.count()) + " to " + destination);
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private void copyToContainer(String sourcePath, String container, String destinationPath) throws Exception {
    String source = sourcePath.equals("-") ? sourcePath : SourceTar.absolute(sourcePath);
    String destination = destinationPath;
    PathStat stat = stat(container, destination);
    if (stat != null && stat.isSymlink()) {
      String target = stat.linkTarget();
      if (!UnixPaths.isAbsolute(target)) {
        target = UnixPaths.join(UnixPaths.splitPathDirEntry(destination)[0], target);
      }
      destination = target;
      stat = stat(container, target);
    }
    if (stat != null && stat.unwritableReason() != null) {
      throw new CopyFailure("destination \"" + container + ":" + destinationPath
          + "\" must be a directory or a regular file: " + stat.unwritableReason());
    }
    CopyInfo destinationInfo = new CopyInfo(destination, stat != null, stat != null && stat.isDirectory(), "");
    InputStream content;
    String directory;
    CountingInputStream counted = null;
    if (source.equals("-")) {
      if (!destinationInfo.isDirectory()) {
        throw new CopyFailure("destination \"" + container + ":" + destinationPath + "\" must be a directory");
      }
      content = ctx.in(); // as docker, stdin's bytes are not counted
      directory = destination;
    } else {
      CopyInfo sourceInfo = SourceTar.info(source, followLink);
      CopyPlan plan = CopyPlan.prepare(sourceInfo, destinationInfo);
      String topName = plan.newBase() != null ? plan.newBase() : sourceInfo.archiveBase();
      counted = new CountingInputStream(Pipe.from("wharf-cp", out -> SourceTar.write(sourceInfo, topName, out)));
      content = counted;
      directory = plan.directory();
    }
    Map<String, Object> query = new LinkedHashMap<>();
    if (archive) {
      query.put("copyUIDGID", "true");
    }
    query.put("noOverwriteDirNonDir", "true");
    query.put("path", directory);
    ApiException failure = null;
    // docker's client labels every body it sends without a type text/plain, this tar too
    try (Response ignored = ctx.client().request(HttpMethod.PUT, archivePath(container, query), "text/plain", content)) {
      // extracted
    } catch (ApiException e) {
      failure = e;
    } finally {
      content.close();
    }
    if (!quiet) {
      long size = counted == null ? 0 : counted.count();
      ctx.err().println("Successfully copied " + Units.humanSize(size) + " to " + container + ":" + destination);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The stat of a container path ({@code HEAD …/archive}), or null when the daemon has none to give. */
  private PathStat stat(String container, String path) {
    try (Response response = ctx.client().request(HttpMethod.HEAD, archivePath(container, Map.of("path", path)), null, null)) {
      return PathStat.decode(response.header(PathStat.HEADER));
    } catch (ApiException | IllegalArgumentException e) {
      return null;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String archivePath(String container, Map<String, ?> query) {
    return EngineClient.path("/containers/" + URLEncoder.encode(container, StandardCharsets.UTF_8) + "/archive", query);
  }
}
