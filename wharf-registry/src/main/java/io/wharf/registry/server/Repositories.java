package io.wharf.registry.server;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each repository holds, as link files under {@code repositories/<name>/}: the blobs it
 * may serve ({@code _layers}), its manifests with their media types ({@code
 * _manifests/revisions}), its tags ({@code _manifests/tags}) and who refers to what ({@code
 * _referrers}). A blob stored for one repository is not served under another until it is pushed
 * or mounted there, as distribution does. Thread-safe: each change is one rename or unlink.
 */
final class Repositories {
  private final Path root;

  Repositories(Path storageRoot) throws IOException {
    this.root = Files.createDirectories(storageRoot.resolve("repositories"));
  }

  boolean exists(RepositoryName name) {
    Path dir = name.under(root);
    return Files.isDirectory(dir.resolve("_manifests")) || Files.isDirectory(dir.resolve("_layers"));
  }

  boolean hasBlob(RepositoryName name, Digest digest) {
    return Files.exists(layer(name, digest));
  }

  void linkBlob(RepositoryName name, Digest digest) throws IOException {
    Links.write(layer(name, digest), digest.toString());
  }

  boolean unlinkBlob(RepositoryName name, Digest digest) throws IOException {
    return Links.delete(layer(name, digest));
  }

  /** Every blob linked into the repository. */
  List<Digest> blobs(RepositoryName name) throws IOException {
    return Links.list(layers(name)).stream().map(hex -> new Digest("sha256", hex)).toList();
  }

  /** The media type of manifest {@code digest} in the repository, when it holds it. */
  Optional<String> revision(RepositoryName name, Digest digest) throws IOException {
    return Links.read(revisionDir(name).resolve(digest.hex()));
  }

  void putRevision(RepositoryName name, Digest digest, String mediaType) throws IOException {
    Links.write(revisionDir(name).resolve(digest.hex()), mediaType);
  }

  boolean deleteRevision(RepositoryName name, Digest digest) throws IOException {
    return Links.delete(revisionDir(name).resolve(digest.hex()));
  }

  /** Every manifest of the repository. */
  List<Digest> revisions(RepositoryName name) throws IOException {
    return Links.list(revisionDir(name)).stream().map(hex -> new Digest("sha256", hex)).toList();
  }

  Optional<Digest> tag(RepositoryName name, String tag) throws IOException {
    return Links.read(tagDir(name).resolve(tag)).map(Digest::parse);
  }

  void putTag(RepositoryName name, String tag, Digest digest) throws IOException {
    Links.write(tagDir(name).resolve(tag), digest.toString());
  }

  boolean deleteTag(RepositoryName name, String tag) throws IOException {
    return Links.delete(tagDir(name).resolve(tag));
  }

  /** The repository's tags, sorted. */
  List<String> tags(RepositoryName name) throws IOException {
    return Links.list(tagDir(name));
  }

  void linkReferrer(RepositoryName name, Digest subject, Digest referrer) throws IOException {
    Links.write(referrerDir(name, subject).resolve(referrer.hex()), referrer.toString());
  }

  void unlinkReferrer(RepositoryName name, Digest subject, Digest referrer) throws IOException {
    Links.delete(referrerDir(name, subject).resolve(referrer.hex()));
  }

  /** The manifests of the repository whose {@code subject} is {@code subject}, by digest. */
  List<Digest> referrers(RepositoryName name, Digest subject) throws IOException {
    return Links.list(referrerDir(name, subject)).stream().map(hex -> new Digest("sha256", hex)).toList();
  }

  /** Every repository, sorted: the directories that hold {@code _manifests} or {@code _layers}. */
  List<RepositoryName> names() throws IOException {
    List<RepositoryName> names = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String leaf = dir.getFileName().toString();
        if (leaf.startsWith("_")) {
          if (leaf.equals("_manifests") || leaf.equals("_layers")) {
            String name = root.relativize(dir.getParent()).toString();
            if (RepositoryName.isValid(name)) {
              names.add(new RepositoryName(name));
            }
          }
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return names.stream().distinct().sorted().toList();
  }

  private Path layers(RepositoryName name) {
    return name.under(root).resolve("_layers").resolve("sha256");
  }

  private Path layer(RepositoryName name, Digest digest) {
    return layers(name).resolve(digest.hex());
  }

  private Path revisionDir(RepositoryName name) {
    return name.under(root).resolve("_manifests").resolve("revisions").resolve("sha256");
  }

  private Path tagDir(RepositoryName name) {
    return name.under(root).resolve("_manifests").resolve("tags");
  }

  private Path referrerDir(RepositoryName name, Digest subject) {
    return name.under(root).resolve("_referrers").resolve(subject.hex());
  }
}
