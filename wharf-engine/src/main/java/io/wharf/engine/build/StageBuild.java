package io.wharf.engine.build;

import io.wharf.engine.image.CommitRequest;
import io.wharf.engine.image.Image;
import io.wharf.engine.snapshot.Snapshotter;
import io.wharf.oci.Digest;
import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stage being built: the image it has reached ({@code null} while a stage FROM scratch has
 * made nothing yet), the config it is building and the ARGs it declared. Each step goes through
 * {@link #step}: taken from the cache when its key is there, else made and cached.
 * Not thread-safe.
 */
final class StageBuild {
  final BuildSession session;
  final StagePlan.Stage stage;
  String imageId;
  RunConfig config = new RunConfig();
  /** ARGs declared in this stage, by name; a null value: declared without one. */
  final Map<String, String> args = new LinkedHashMap<>();
  /** CMD was set in this stage: a later ENTRYPOINT keeps it (Docker resets an inherited CMD). */
  boolean cmdSet;
  /** MAINTAINER's author, or null to keep the parent image's. */
  String author;

  StageBuild(BuildSession session, StagePlan.Stage stage) {
    this.session = session;
    this.stage = stage;
  }

  /** What variables expand to here: declared ARGs, overridden by the environment (Docker's rule). */
  Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    args.forEach((k, v) -> {
      if (v != null) {
        vars.put(k, v);
      }
    });
    vars.putAll(config.env);
    return vars;
  }

  /**
   * The build args a RUN sees in its environment: declared ARGs with a value that ENV does not
   * override, sorted, plus the proxy args the request gave.
   */
  Map<String, String> runArgs(boolean withProxies) {
    Map<String, String> out = new TreeMap<>();
    args.forEach((k, v) -> {
      if (v != null && !config.env.containsKey(k)) {
        out.put(k, v);
      }
    });
    if (withProxies) {
      for (String proxy : BuildSession.PROXY_ARGS) {
        String value = session.buildArg(proxy);
        if (value != null && !out.containsKey(proxy)) {
          out.put(proxy, value);
        }
      }
    }
    return out;
  }

  /** Work that makes a step's image on a cache miss. */
  @FunctionalInterface
  interface StepWork {
    Image make() throws IOException;
  }

  /**
   * Takes the step from the cache ({@code  ---> Using cache}) or makes it with {@code work}
   * and caches it; either way the stage moves on to the step's image.
   */
  void step(CacheKey key, String description, StepWork work) {
    if (!session.request.noCache()) {
      String cached = session.cache.find(key);
      if (cached != null) {
        try {
          Image image = session.images.get(cached);
          session.cacheHits.add(key.digest().hex());
          session.print(" ---> Using cache\n");
          moveTo(image);
          return;
        } catch (io.wharf.oci.errors.NotFound gone) {
          // removed since; make it again
        }
      }
    }
    Image made;
    try {
      made = work.make();
    } catch (IOException e) {
      throw new SystemError(description + ": " + e.getMessage(), e);
    }
    long size = made.size() - (imageId == null ? 0 : session.images.get(imageId).size());
    session.cache.put(key, made.id().toString(), description, Math.max(0, size));
    moveTo(made);
  }

  private void moveTo(Image image) {
    imageId = image.id().toString();
    RunConfig next = RunConfig.of(image.config().config());
    config = next;
    session.print(" ---> " + image.id().shortId() + "\n");
  }

  /** A step that changes only the config: an image with no new layer. */
  void metadataStep(String keyword, String comment) {
    CacheKey key = new CacheKey(parentDigest(), List.of(keyword, comment), null);
    step(key, comment, () -> commit(null, nop(comment)));
  }

  /** History's {@code created_by} of a step that ran nothing: Docker's {@code #(nop)} form. */
  String nop(String comment) {
    return String.join(" ", config.shellOrDefault()) + " #(nop)  " + comment;
  }

  /** A new image: the current one plus {@code layer} (or none) with the current config. */
  Image commit(Path layer, String createdBy) throws IOException {
    CommitRequest request = new CommitRequest(imageId, config.toConfig(), List.of(), null, null, author, createdBy);
    if (layer == null) {
      return session.images.commit(null, request);
    }
    try (InputStream in = Files.newInputStream(layer)) {
      return session.images.commit(in, request);
    }
  }

  /** The current image, made empty from scratch when the stage has none yet (RUN right after FROM scratch). */
  String imageOrEmpty() throws IOException {
    if (imageId == null) {
      imageId = commit(null, nop("FROM scratch")).id().toString();
    }
    return imageId;
  }

  Digest parentDigest() {
    return imageId == null ? null : Digest.parse(imageId);
  }

  /** The chain IDs of the current image's layers, bottom first (empty for scratch). */
  List<Digest> chain() {
    return imageId == null ? List.of() : session.images.get(imageId).chainIds();
  }

  /** A scratch file for a layer, deleted by the caller. */
  Path layerFile() throws IOException {
    return Files.createTempFile(session.scratch, "layer-", ".tar");
  }
}
