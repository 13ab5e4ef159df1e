package io.wharf.engine.image;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The images of one engine, as {@code docker image …} sees them.
 *
 * <p>Names: wherever a method takes a {@code name}, it accepts what the docker CLI accepts: a
 * reference ({@code busybox}, {@code busybox:1.36}, {@code docker.io/library/busybox:latest},
 * {@code localhost:5000/x@sha256:…}), a full image ID ({@code sha256:…}) or a unique prefix of
 * its hex (at least one character, as Docker resolves them). A name that matches nothing
 * throws {@code NotFound("No such image: <name>")}.
 *
 * <p>Atomicity: every image appears whole or not at all. Blobs are written under a
 * temporary name, verified, then renamed; records change in one transaction; a crash in the
 * middle of {@code load} or {@code importImage} leaves no partial image visible after restart.
 *
 * <p>Filters: {@code filters} maps a filter name to its values, as the Engine API sends them
 * once both of its JSON shapes are flattened: {@code dangling} ({@code true|false}),
 * {@code reference} (glob over familiar names, {@code busybox}, {@code bu*:1.*}),
 * {@code label} ({@code key} or {@code key=value}), {@code before} and {@code since}
 * (an image name), {@code until} (for prune: a timestamp or Go duration). An unknown filter
 * name throws {@code InvalidArgument("invalid filter '<name>'")}.
 *
 * <p>Thread-safe.
 */
public interface ImageService {

  /** {@code docker import}: one layer from a (possibly compressed) root filesystem tar. */
  Image importImage(InputStream tar, ImportRequest request);

  /**
   * {@code docker commit}: a new image of {@code request}'s parent plus {@code layerTar} (an OCI
   * layer). For the builder: a null {@code layerTar} adds no layer (an {@code empty_layer} history
   * entry) and a null parent starts from scratch.
   */
  Image commit(InputStream layerTar, CommitRequest request);

  /**
   * {@code docker load}: every image in a Docker archive ({@code manifest.json}) or OCI
   * layout ({@code index.json}) tar, possibly compressed. {@code progress} receives Docker's
   * lines without newline: {@code Loaded image: busybox:latest} for each tag,
   * {@code Loaded image ID: sha256:…} for an image without one.
   */
  void load(InputStream archive, Consumer<String> progress);

  /**
   * {@code docker save}: writes one tar holding the named images in Docker's archive format
   * ({@code manifest.json}, {@code repositories}) and as an OCI layout ({@code index.json},
   * {@code oci-layout}, {@code blobs/sha256/…}), as Docker 25+ does. Streams; never holds a
   * layer in memory.
   */
  void save(List<String> names, OutputStream out);

  /** {@code docker tag}: {@code repository} may arrive fully qualified; {@code tag} null means latest. */
  void tag(String source, String repository, String tag);

  /**
   * {@code docker rmi}: removes a tag; deletes the image when its last tag goes (or when
   * named by ID with {@code force}), then its untagged parents unless {@code noPrune}.
   * Conflicts throw {@code Conflict} in Docker's words.
   */
  List<ImageDeletion> remove(String name, boolean force, boolean noPrune);

  /** {@code docker images}: top-level images (tagged, or dangling), or all with {@code all}. */
  List<Image> list(Map<String, List<String>> filters, boolean all);

  /** {@code docker image inspect}. */
  Image get(String name);

  /** {@code docker history}, newest first. */
  List<HistoryEntry> history(String name);

  /**
   * {@code docker pull}: the image {@code reference} names, for {@code platform} (null:
   * linux/amd64), from its registry ({@code credentials} for it, or none), layers already here not
   * fetched again; tagged and given its repo digest. A reference with neither tag nor digest pulls
   * every tag of the repository ({@code pull -a}). {@code progress} gets Docker's lines. Returns
   * the (last) image pulled.
   */
  Image pull(String reference, String platform, io.wharf.registry.client.Credentials credentials,
      java.util.function.Consumer<PullProgress> progress);

  /**
   * {@code docker push}: the image tagged {@code reference} to its registry, or every local tag
   * of the repository when {@code reference} has no tag ({@code push -a}); returns the
   * {@code aux} Docker sends for each tag ({@code Tag}, {@code Digest}, {@code Size}).
   */
  List<Map<String, Object>> push(String reference, io.wharf.registry.client.Credentials credentials,
      java.util.function.Consumer<PullProgress> progress);

  /** {@code docker login}: checks {@code auth} against {@code registry}'s {@code /v2/}. */
  void login(String registry, io.wharf.registry.client.Auth auth);

  /** {@code docker image prune}: dangling images only, or every unused image with {@code all}. */
  PruneReport prune(Map<String, List<String>> filters, boolean all);
}
