package io.wharf.engine.image;

import io.wharf.engine.state.ImageRow;
import io.wharf.engine.state.ImageTable;
import io.wharf.engine.state.LayerRow;
import io.wharf.oci.Digest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.SystemError;
import io.wharf.oci.image.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The image service of one data root, on the content store, snapshots and SQLite records of
 * its {@link ImageCatalog}. Import, load and save have classes of their own. Thread-safe.
 */
public final class LocalImageService implements ImageService {
  private final ImageCatalog catalog;
  private final ImageFilters filters;
  private final ImageImporter importer;
  private final ImageCommitter committer;
  private final ArchiveLoader loader;
  private final ArchiveSaver saver;

  /**
   * With {@code events} told of imports, loads, tags, untags, deletions, pulls and pushes, as
   * Docker reports them; pulls download into {@code scratch}, which is emptied now.
   */
  public LocalImageService(io.wharf.engine.state.StateStore state, io.wharf.engine.content.ContentStore content,
      io.wharf.engine.snapshot.Snapshotter snapshots, java.nio.file.Path scratch, DistributionSettings distribution,
      ImageEvents events) {
    this.events = events;
    var defaults = io.wharf.registry.client.RegistryConfig.defaults();
    this.registryConfig = new io.wharf.registry.client.RegistryConfig(Set.copyOf(distribution.insecureRegistries()),
        distribution.mirrors(), defaults.credentials(), defaults.timeout());
    this.catalog = new ImageCatalog(state, content, snapshots);
    this.filters = new ImageFilters(catalog);
    this.importer = new ImageImporter(catalog);
    this.committer = new ImageCommitter(catalog);
    this.loader = new ArchiveLoader(catalog);
    this.saver = new ArchiveSaver(catalog);
    this.puller = new ImagePuller(catalog, scratch, distribution.maxConcurrentDownloads());
    this.pusher = new ImagePusher(catalog, distribution.maxConcurrentUploads());
  }

  /** Removes blobs and snapshots no image references: what a crash left half-made. */
  public void reconcile() {
    var lock = catalog.contentLock().writeLock();
    lock.lock();
    try {
      catalog.collectGarbage(null, null);
    } finally {
      lock.unlock();
    }
  }

  /** Where image events go: the event service's {@code publish}. */
  @FunctionalInterface
  public interface ImageEvents {
    void publish(String type, String action, String actorId, java.util.Map<String, String> attributes);
  }

  private final ImageEvents events;
  private final io.wharf.registry.client.RegistryConfig registryConfig;
  private final ImagePuller puller;
  private final ImagePusher pusher;

  @Override
  public Image commit(InputStream layerTar, CommitRequest request) {
    try {
      return committer.commit(layerTar, request);
    } catch (IOException e) {
      throw failure("commit", e);
    }
  }

  @Override
  public Image importImage(InputStream tar, ImportRequest request) {
    try {
      Image image = importer.importImage(tar, request);
      events.publish("image", "import", image.id().toString(), java.util.Map.of("name", image.id().toString()));
      return image;
    } catch (IOException e) {
      throw failure("import", e);
    }
  }

  @Override
  public void load(InputStream archive, Consumer<String> progress) {
    try {
      loader.load(archive, line -> {
        progress.accept(line);
        String name = line.replaceFirst("^Loaded image( ID)?: ", "");
        events.publish("image", "load", name, java.util.Map.of("name", name));
      });
    } catch (IOException e) {
      throw failure("load", e);
    }
  }

  @Override
  public Image pull(String reference, String platform, io.wharf.registry.client.Credentials credentials,
      Consumer<PullProgress> progress) {
    ImageReference named = ImageReference.parse(reference);
    boolean allTags = named.tag() == null && named.digest() == null;
    io.wharf.oci.image.Platform wanted = platform == null || platform.isBlank()
        ? io.wharf.oci.image.Platform.LINUX_AMD64 : io.wharf.oci.image.Platform.parse(platform);
    ImageReference ref = named.withDefaultTag();
    Consumer<PullProgress> serial = serialized(progress);
    try (var client = client(credentials)) {
      List<ImageReference> refs = allTags
          ? client.listTags(named).stream().map(named::withTag).toList() : List.of(ref);
      boolean upToDate = true;
      Image last = null;
      for (ImageReference one : refs) {
        ref = one;
        ImagePuller.Pulled pulled = puller.pull(client, one, wanted, serial);
        upToDate &= pulled.upToDate();
        last = pulled.image();
        events.publish("image", "pull", one.familiarString(), java.util.Map.of("name", one.familiarString()));
      }
      String shown = allTags ? named.familiarName() : ref.familiarString();
      serial.accept(PullProgress.of("Status: " + (upToDate ? "Image is up to date for " : "Downloaded newer image for ")
          + shown));
      return last;
    } catch (io.wharf.registry.client.ManifestUnknownException e) {
      throw new io.wharf.oci.errors.NotFound("manifest for " + ref.familiarString() + " not found: manifest unknown: "
          + "manifest unknown");
    } catch (io.wharf.registry.client.RegistryAuthException e) {
      throw new io.wharf.oci.errors.Forbidden("pull access denied for " + ref.familiarName()
          + ", repository does not exist or may require 'docker login': " + e.getMessage());
    } catch (IOException e) {
      throw failure("pull " + ref.familiarString(), e);
    }
  }

  /** {@code progress}, called by one thread at a time (layers download in parallel). */
  private static Consumer<PullProgress> serialized(Consumer<PullProgress> progress) {
    Object lock = new Object();
    return line -> {
      synchronized (lock) {
        progress.accept(line);
      }
    };
  }

  @Override
  public List<java.util.Map<String, Object>> push(String reference, io.wharf.registry.client.Credentials credentials,
      Consumer<PullProgress> progress) {
    ImageReference named = ImageReference.parse(reference);
    List<ImageReference> refs = named.tag() != null ? List.of(named) : localTags(named);
    if (refs.isEmpty()) {
      throw new io.wharf.oci.errors.NotFound("An image does not exist locally with the tag: " + named.familiarName());
    }
    List<ImageRow> rows = refs.stream().map(r -> catalog.resolve(r.toString())).toList();
    ImageReference ref = refs.getFirst();
    Consumer<PullProgress> serial = serialized(progress);
    serial.accept(PullProgress.of("The push refers to repository [" + named.repository().name() + "]"));
    try (var client = client(credentials)) {
      List<java.util.Map<String, Object>> results = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        ref = refs.get(i);
        results.add(pusher.push(client, ref, rows.get(i), serial));
        events.publish("image", "push", ref.familiarString(), java.util.Map.of("name", ref.familiarString()));
      }
      return results;
    } catch (io.wharf.registry.client.RegistryAuthException e) {
      if (e.getMessage().equals("no basic auth credentials")) {
        throw new io.wharf.oci.errors.Unauthorized(e.getMessage()); // what docker prints before any login
      }
      throw new io.wharf.oci.errors.Forbidden("denied: requested access to the resource is denied: " + e.getMessage());
    } catch (IOException e) {
      throw failure("push " + ref.familiarString(), e);
    }
  }

  /** The local tags of {@code repository}, in tag order ({@code push -a}). */
  private List<ImageReference> localTags(ImageReference repository) {
    String name = repository.repository().toString();
    return catalog.rows().stream().flatMap(r -> r.tags().stream()).map(ImageReference::parse)
        .filter(r -> r.repository().toString().equals(name)).sorted(java.util.Comparator.comparing(ImageReference::tag))
        .toList();
  }

  @Override
  public void login(String registry, io.wharf.registry.client.Auth auth) {
    try (var client = client(io.wharf.registry.client.Credentials.of(registry, auth))) {
      client.ping(registry);
    } catch (io.wharf.registry.client.RegistryAuthException e) {
      throw new io.wharf.oci.errors.Unauthorized("Get \"https://" + registry + "/v2/\": unauthorized: "
          + "incorrect username or password");
    } catch (IOException e) {
      throw failure("login to " + registry, e);
    }
  }

  private io.wharf.registry.client.RegistryClient client(io.wharf.registry.client.Credentials credentials) {
    return new io.wharf.registry.client.RegistryClient(registryConfig.withCredentials(
        credentials == null ? io.wharf.registry.client.Credentials.none() : credentials));
  }

  @Override
  public void save(List<String> names, OutputStream out) {
    try {
      saver.save(names, out);
    } catch (IOException e) {
      throw failure("save", e);
    }
  }

  private static RuntimeException failure(String what, IOException e) {
    return new SystemError(what + ": " + e.getMessage(), e);
  }

  @Override
  public void tag(String source, String repository, String tag) {
    ImageReference target = ImageReference.of(repository, tag);
    ImageRow row = catalog.resolve(source);
    catalog.state().transaction(c -> ImageTable.tag(c, target.toString(), row.id(), Instant.now()));
    events.publish("image", "tag", row.id().toString(), java.util.Map.of("name", target.familiarString()));
  }

  @Override
  public List<ImageDeletion> remove(String name, boolean force, boolean noPrune) {
    String id = get(name).id().toString();
    List<ImageDeletion> result = removeLocked(name, force, noPrune);
    for (ImageDeletion d : result) {
      if (d.untagged() != null) {
        events.publish("image", "untag", id, java.util.Map.of("name", d.untagged()));
      } else if (id.equals(d.deleted())) {
        events.publish("image", "delete", id, java.util.Map.of("name", id));
      }
    }
    return result;
  }

  private List<ImageDeletion> removeLocked(String name, boolean force, boolean noPrune) {
    var lock = catalog.contentLock().writeLock();
    lock.lock();
    try {
      ImageRow row = catalog.resolve(name);
      List<ImageRow> rows = catalog.rows();
      List<ImageDeletion> result = new ArrayList<>();
      String canonical = namedReference(name, row);
      String user = catalog.state().transaction(c -> io.wharf.engine.state.ContainerTable.userOf(c, row.id().toString()));
      boolean lastName = row.tags().size() + row.repoDigests().size() <= 1;
      if (user != null && (canonical == null || lastName) && !force) {
        throw new Conflict(canonical != null
            ? "conflict: unable to remove repository reference \"" + name + "\" (must force) - container "
                + user.substring(0, 12) + " is using its referenced image " + row.id().shortId()
            : "conflict: unable to delete " + row.id().shortId() + " (must be forced) - image is being used by container "
                + user.substring(0, 12));
      }
      if (user != null) {
        // forced: the names go, the image stays for the container that uses it
        List<String> names = canonical != null ? List.of(canonical) : new ArrayList<>(row.tags());
        catalog.state().transaction(c -> {
          for (String n : names) {
            ImageTable.untag(c, n);
          }
          return null;
        });
        List<ImageDeletion> untagged = new ArrayList<>();
        names.forEach(n -> untagged.add(ImageDeletion.untagged(ImageReference.parse(n).familiarString())));
        return untagged;
      }
      if (canonical != null) {
        List<String> names = new ArrayList<>(List.of(canonical));
        names.addAll(digestsGoingWithLastTag(canonical, row));
        catalog.state().transaction(c -> {
          for (String n : names) {
            if (!ImageTable.untag(c, n)) {
              ImageTable.removeRepoDigest(c, n);
            }
          }
          return null;
        });
        names.forEach(n -> result.add(ImageDeletion.untagged(ImageReference.parse(n).familiarString())));
        if (row.tags().size() + row.repoDigests().size() > names.size()) {
          return result;
        }
      } else if (row.tags().size() > 1 && !force) {
        throw new Conflict("conflict: unable to delete " + row.id().shortId()
            + " (must be forced) - image is referenced in multiple repositories");
      }
      deleteImage(row, rows, noPrune, result);
      return result;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The digest references of {@code tag}'s repository that go with it when it is that
   * repository's last tag on {@code row}: Docker leaves no {@code repo@sha256:…} behind, so
   * that {@code rmi repo:tag} after a push or a pull deletes the image.
   */
  private static List<String> digestsGoingWithLastTag(String tag, ImageRow row) {
    ImageReference ref = ImageReference.parse(tag);
    if (ref.digest() != null) {
      return List.of();
    }
    String repository = ref.name();
    if (row.tags().stream().anyMatch(t -> !t.equals(tag) && ImageReference.parse(t).name().equals(repository))) {
      return List.of();
    }
    return row.repoDigests().stream().filter(d -> ImageReference.parse(d).name().equals(repository)).toList();
  }

  /** The canonical tag or digest reference {@code name} names on {@code row}, or null for an ID. */
  private static String namedReference(String name, ImageRow row) {
    try {
      String canonical = ImageReference.parse(name).withDefaultTag().toString();
      return row.tags().contains(canonical) || row.repoDigests().contains(canonical) ? canonical : null;
    } catch (InvalidArgument e) {
      return null;
    }
  }

  /** Deletes {@code row} (untagging whatever names it keeps), then its untagged parents unless {@code noPrune}. */
  private long deleteImage(ImageRow row, List<ImageRow> rows, boolean noPrune, List<ImageDeletion> result) {
    if (rows.stream().anyMatch(r -> row.id().equals(r.parent()))) {
      throw new Conflict("conflict: unable to delete " + row.id().shortId()
          + " (cannot be forced) - image has dependent child images");
    }
    List<String> names = new ArrayList<>(row.tags());
    names.addAll(row.repoDigests());
    catalog.state().transaction(c -> {
      ImageTable.delete(c, row.id());
      return null;
    });
    for (String n : names) {
      ImageDeletion untag = ImageDeletion.untagged(ImageReference.parse(n).familiarString());
      if (!result.contains(untag)) {
        result.add(untag);
      }
    }
    result.add(ImageDeletion.deleted(row.id().toString()));
    Set<Digest> blobs = new HashSet<>();
    blobs.add(row.id());
    Set<Digest> chains = new HashSet<>();
    for (LayerRow layer : row.layers()) {
      blobs.add(layer.diffId());
      chains.add(layer.chainId());
    }
    Set<Digest> removed = catalog.collectGarbage(blobs, chains);
    long reclaimed = 0;
    for (int i = row.layers().size() - 1; i >= 0; i--) {
      LayerRow layer = row.layers().get(i);
      if (removed.contains(layer.chainId())) {
        result.add(ImageDeletion.deleted(layer.chainId().toString()));
        reclaimed += layer.size();
      }
    }
    if (!noPrune && row.parent() != null) {
      List<ImageRow> remaining = catalog.rows();
      ImageRow parent = remaining.stream().filter(r -> r.id().equals(row.parent())).findFirst().orElse(null);
      if (parent != null && parent.tags().isEmpty() && remaining.stream().noneMatch(r -> parent.id().equals(r.parent()))) {
        reclaimed += deleteImage(parent, remaining, false, result);
      }
    }
    return reclaimed;
  }

  @Override
  public List<Image> list(Map<String, List<String>> filterValues, boolean all) {
    List<ImageRow> rows = catalog.rows();
    var filter = filters.of(filterValues);
    List<Image> images = new ArrayList<>();
    for (ImageRow row : rows) {
      boolean intermediate = row.tags().isEmpty() && rows.stream().anyMatch(r -> row.id().equals(r.parent()));
      if ((all || !intermediate) && filter.test(row)) {
        Image image = catalog.toImage(row);
        List<String> patterns = filterValues == null ? null : filterValues.get("reference");
        // Docker lists only the tags that match a reference filter
        images.add(patterns == null ? image : new Image(image.id(), ImageFilters.matchingTags(image.repoTags(), patterns),
            image.repoDigests(), image.parent(), image.created(), image.size(), image.config(), image.configBytes(),
            image.lastTagTime()));
      }
    }
    images.sort((a, b) -> b.created().compareTo(a.created()));
    return images;
  }

  @Override
  public Image get(String name) {
    return catalog.toImage(catalog.resolve(name));
  }

  @Override
  public List<HistoryEntry> history(String name) {
    ImageRow row = catalog.resolve(name);
    ImageConfig config = catalog.config(row.id());
    List<HistoryEntry> entries = new ArrayList<>();
    List<ImageConfig.History> history = config.history() == null ? List.of() : config.history();
    int layer = 0;
    for (ImageConfig.History h : history) {
      long size = 0;
      if (!Boolean.TRUE.equals(h.emptyLayer()) && layer < row.layers().size()) {
        size = row.layers().get(layer++).size();
      }
      entries.add(new HistoryEntry("<missing>", ImageCatalog.parseTime(h.created()),
          h.createdBy() == null ? "" : h.createdBy(), List.of(), size, h.comment() == null ? "" : h.comment()));
    }
    for (; layer < row.layers().size(); layer++) {
      entries.add(new HistoryEntry("<missing>", ImageCatalog.created(config), "", List.of(),
          row.layers().get(layer).size(), ""));
    }
    List<HistoryEntry> newestFirst = new ArrayList<>(entries.reversed());
    if (newestFirst.isEmpty()) {
      newestFirst.add(new HistoryEntry("<missing>", ImageCatalog.created(config), "", List.of(), 0, ""));
    }
    HistoryEntry top = newestFirst.getFirst();
    newestFirst.set(0, new HistoryEntry(row.id().toString(), top.created(), top.createdBy(),
        ImageCatalog.familiar(row.tags()), top.size(), top.comment()));
    return newestFirst;
  }

  @Override
  public PruneReport prune(Map<String, List<String>> filterValues, boolean all) {
    Map<String, List<String>> rest = new java.util.HashMap<>(filterValues == null ? Map.of() : filterValues);
    rest.remove("dangling"); // the dangling filter is what `all` says
    for (String key : rest.keySet()) {
      if (!Set.of("until", "label", "label!").contains(key)) {
        throw new InvalidArgument("invalid filter '" + key + "'");
      }
    }
    List<String> notLabels = rest.remove("label!");
    var lock = catalog.contentLock().writeLock();
    lock.lock();
    try {
      List<ImageRow> rows = catalog.rows();
      var filter = filters.of(rest);
      List<ImageDeletion> deleted = new ArrayList<>();
      long reclaimed = 0;
      for (ImageRow row : rows) {
        boolean inUse = catalog.state().transaction(
            c -> io.wharf.engine.state.ContainerTable.userOf(c, row.id().toString())) != null;
        boolean candidate = !inUse && (all || row.tags().isEmpty()) && filter.test(row)
            && (notLabels == null || notLabels.stream().noneMatch(l -> filters.of(Map.of("label", List.of(l))).test(row)))
            && rows.stream().noneMatch(r -> row.id().equals(r.parent()));
        if (candidate) {
          reclaimed += deleteImage(row, catalog.rows(), true, deleted);
        }
      }
      return new PruneReport(deleted, reclaimed);
    } finally {
      lock.unlock();
    }
  }
}
