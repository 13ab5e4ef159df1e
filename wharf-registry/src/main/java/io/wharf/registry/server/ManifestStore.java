package io.wharf.registry.server;

import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Manifests by tag and digest. A manifest's exact bytes are a blob like any other; the
 * repository holds a revision link (with the Content-Type it was pushed with), its tags and,
 * when it has a {@code subject}, a referrer link. Thread-safe: every change is a rename or an
 * unlink; the last of two pushes to one tag wins.
 */
final class ManifestStore {
  /** distribution's limit, which containers/image and the docker CLI apply too. */
  static final int MAX_SIZE = 4 * 1024 * 1024;
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private final BlobStore blobs;
  private final Repositories repositories;

  ManifestStore(BlobStore blobs, Repositories repositories) {
    this.blobs = blobs;
    this.repositories = repositories;
  }

  /** A stored manifest: its digest, media type and bytes on disk. */
  record Stored(Digest digest, String mediaType, Path file) {}

  /** The result of a push: the manifest's digest and its subject (null when none). */
  record Pushed(Digest digest, Digest subject) {}

  /**
   * The manifest {@code reference} (a tag or a digest) names; {@code MANIFEST_UNKNOWN} otherwise,
   * also when the reference cannot be a tag: no such tag can have been pushed, and the spec's
   * conformance suite asks a pull of {@code .INVALID_MANIFEST_NAME} for 404 (distribution's
   * router does not match such a reference and answers 404 too).
   */
  Stored get(RepositoryName name, String reference) throws IOException {
    Digest digest = isDigestReference(reference)
        ? parseDigest(reference)
        : existingTag(name, reference).orElseThrow(() -> unknown(reference));
    Optional<String> mediaType = repositories.revision(name, digest);
    if (mediaType.isEmpty() || !blobs.exists(digest)) {
      throw unknown(reference);
    }
    return new Stored(digest, mediaType.get(), blobs.path(digest));
  }

  /**
   * Stores {@code bytes} under {@code reference}: a digest reference must be the bytes' digest
   * ({@code DIGEST_INVALID}); every blob and child manifest it references must be in the
   * repository ({@code MANIFEST_BLOB_UNKNOWN}, one error for each missing one).
   */
  Pushed put(RepositoryName name, String reference, String contentType, byte[] bytes) throws IOException {
    Digest digest = Digest.of(bytes);
    boolean byDigest = isDigestReference(reference);
    if (byDigest && !parseDigest(reference).equals(digest)) {
      throw RegistryException.of(ErrorCode.DIGEST_INVALID, Map.of("expected", reference, "actual", digest.toString()));
    }
    String tag = byDigest ? null : requireTag(reference);
    ManifestContent content = ManifestContent.parse(bytes, contentType);
    List<Map<String, String>> missing = new ArrayList<>();
    for (Digest blob : content.blobs()) {
      if (!blobs.exists(blob) || !repositories.hasBlob(name, blob)) {
        missing.add(Map.of("digest", blob.toString()));
      }
    }
    for (Digest child : content.manifests()) {
      if (repositories.revision(name, child).isEmpty()) {
        missing.add(Map.of("digest", child.toString()));
      }
    }
    if (!missing.isEmpty()) {
      throw RegistryException.all(ErrorCode.MANIFEST_BLOB_UNKNOWN, missing);
    }
    blobs.write(new ByteArrayInputStream(bytes), digest);
    repositories.putRevision(name, digest, content.mediaType());
    if (content.subject() != null) {
      repositories.linkReferrer(name, content.subject(), digest);
    }
    if (tag != null) {
      repositories.putTag(name, tag, digest);
    }
    return new Pushed(digest, content.subject());
  }

  /**
   * Deletes by digest (the manifest, every tag on it and its referrer link) or by tag (only
   * the tag, as the spec allows since 1.1); {@code MANIFEST_UNKNOWN} when there is no such one
   * (a reference that cannot be a tag included). The bytes stay until {@code wharf registry gc}.
   */
  void delete(RepositoryName name, String reference) throws IOException {
    if (!isDigestReference(reference)) {
      if (!TAG.matcher(reference).matches() || !repositories.deleteTag(name, reference)) {
        throw unknown(reference);
      }
      return;
    }
    Digest digest = parseDigest(reference);
    if (repositories.revision(name, digest).isEmpty()) {
      throw unknown(reference);
    }
    for (String tag : repositories.tags(name)) {
      if (repositories.tag(name, tag).filter(digest::equals).isPresent()) {
        repositories.deleteTag(name, tag);
      }
    }
    Optional<Digest> subject = content(name, digest).map(ManifestContent::subject);
    if (subject.isPresent()) {
      repositories.unlinkReferrer(name, subject.get(), digest);
    }
    repositories.deleteRevision(name, digest);
  }

  /** The descriptors of the repository's manifests whose subject is {@code subject}. */
  List<Map<String, Object>> referrers(RepositoryName name, Digest subject, String artifactType) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Digest referrer : repositories.referrers(name, subject)) {
      Optional<ManifestContent> content = content(name, referrer);
      if (content.isPresent() && (artifactType == null || artifactType.equals(content.get().artifactType()))) {
        out.add(content.get().descriptor(referrer, blobs.size(referrer)));
      }
    }
    out.sort(Comparator.comparing(d -> (String) d.get("digest")));
    return out;
  }

  /** The parsed manifest {@code digest} of the repository, when it holds a readable one. */
  Optional<ManifestContent> content(RepositoryName name, Digest digest) throws IOException {
    Optional<String> mediaType = repositories.revision(name, digest);
    if (mediaType.isEmpty() || !blobs.exists(digest)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ManifestContent.parse(Files.readAllBytes(blobs.path(digest)), mediaType.get()));
    } catch (RegistryException | java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    }
  }

  static boolean isDigestReference(String reference) {
    return reference.indexOf(':') >= 0;
  }

  private static Digest parseDigest(String reference) {
    try {
      return Digest.parse(reference);
    } catch (InvalidArgument e) {
      throw RegistryException.of(ErrorCode.DIGEST_INVALID, e.getMessage());
    }
  }

  /** The digest tag {@code reference} points at; empty when there is none or it cannot be a tag. */
  private Optional<Digest> existingTag(RepositoryName name, String reference) throws IOException {
    return TAG.matcher(reference).matches() ? repositories.tag(name, reference) : Optional.empty();
  }

  private static String requireTag(String reference) {
    if (!TAG.matcher(reference).matches()) {
      throw RegistryException.of(ErrorCode.MANIFEST_INVALID, "invalid tag: " + reference);
    }
    return reference;
  }

  private static RegistryException unknown(String reference) {
    return RegistryException.of(ErrorCode.MANIFEST_UNKNOWN, Map.of("reference", reference));
  }
}
