package io.wharf.registry.server;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code wharf registry gc}: mark every manifest of every repository and the blobs and
 * manifests it references, then delete the blobs nobody marked and the repository links to
 * them. Untagged manifests are kept (a digest pull still finds them), as distribution does
 * without {@code --delete-untagged}. Like distribution's, it must not run while clients push:
 * a blob uploaded but not yet referenced by a manifest looks unreferenced. Not thread-safe.
 */
final class GarbageCollector {
  private final BlobStore blobs;
  private final Repositories repositories;
  private final ManifestStore manifests;

  /** What was (or, in a dry run, would be) deleted. */
  record Report(List<Digest> deleted, long bytes) {}

  GarbageCollector(Path root) throws IOException {
    this.blobs = new BlobStore(root);
    this.repositories = new Repositories(root);
    this.manifests = new ManifestStore(blobs, repositories);
  }

  Report collect(boolean dryRun) throws IOException {
    Set<Digest> marked = mark();
    List<Digest> deleted = new ArrayList<>();
    long bytes = 0;
    for (Digest digest : blobs.list()) {
      if (!marked.contains(digest)) {
        bytes += Math.max(0, blobs.size(digest));
        deleted.add(digest);
        if (!dryRun) {
          blobs.delete(digest);
        }
      }
    }
    if (!dryRun) {
      Set<Digest> gone = new HashSet<>(deleted);
      for (RepositoryName name : repositories.names()) {
        for (Digest linked : repositories.blobs(name)) {
          if (gone.contains(linked) || !blobs.exists(linked)) {
            repositories.unlinkBlob(name, linked);
          }
        }
      }
    }
    return new Report(List.copyOf(deleted), bytes);
  }

  private Set<Digest> mark() throws IOException {
    Set<Digest> marked = new HashSet<>();
    for (RepositoryName name : repositories.names()) {
      for (Digest manifest : repositories.revisions(name)) {
        marked.add(manifest);
        manifests.content(name, manifest).ifPresent(content -> {
          marked.addAll(content.blobs());
          marked.addAll(content.manifests());
        });
      }
    }
    return marked;
  }
}
