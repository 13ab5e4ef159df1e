package io.wharf.engine.build.context;

import io.wharf.oci.Digest;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sha256 of regular files' content, remembered by what {@code stat} says of them — device,
 * inode, size, mtime and ctime in nanoseconds — so that a file whose stat did not change is
 * never read twice (git's index works the same way). Any write, chmod, chown, rename over or
 * {@code touch} changes the ctime, and so the key. Bounded: the least recently used entries go
 * first. Thread-safe.
 */
public final class ContentHashIndex {
  /** How many files the index remembers unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 200_000;

  private record Key(long device, long inode, long size, long mtimeNanos, long ctimeNanos) {}

  private final Map<Key, Digest> entries;
  private final AtomicLong reads = new AtomicLong();

  /** An index of {@link #DEFAULT_CAPACITY} entries. */
  public ContentHashIndex() {
    this(DEFAULT_CAPACITY);
  }

  /** An index remembering at most {@code capacity} files. */
  public ContentHashIndex(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Digest> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The digest of {@code regularFile}'s content: remembered when its stat is unchanged, else
   * read, and remembered when the file did not change while it was read. A symbolic link is
   * not followed; anything but a regular file is an {@link InvalidArgument}.
   */
  public Digest hash(Path regularFile) throws IOException {
    Key before = key(regularFile);
    synchronized (entries) {
      Digest known = entries.get(before);
      if (known != null) {
        return known;
      }
    }
    reads.incrementAndGet();
    MessageDigest sha256 = Digest.sha256();
    try (InputStream in = Files.newInputStream(regularFile, LinkOption.NOFOLLOW_LINKS);
        OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
      in.transferTo(out);
    }
    Digest digest = Digest.fromHash(sha256.digest());
    if (key(regularFile).equals(before)) {
      synchronized (entries) {
        entries.put(before, digest);
      }
    }
    return digest;
  }

  /**
   * Remembers that {@code regularFile} holds content of digest {@code content}: call it once the
   * file is written and its owner, mode and times are set, as each of those changes the ctime.
   */
  public void record(Path regularFile, Digest content) throws IOException {
    Key key = key(regularFile);
    synchronized (entries) {
      entries.put(key, content);
    }
  }

  /** How many files {@link #hash} had to read: its misses. */
  long reads() {
    return reads.get();
  }

  /** How many files are remembered. */
  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private static Key key(Path file) throws IOException {
    Map<String, Object> stat = Files.readAttributes(file, "unix:mode,dev,ino,size,lastModifiedTime,ctime",
        LinkOption.NOFOLLOW_LINKS);
    if (((Integer) stat.get("mode") & 0170000) != 0100000) {
      throw new InvalidArgument("not a regular file: " + file);
    }
    return new Key((Long) stat.get("dev"), (Long) stat.get("ino"), (Long) stat.get("size"),
        nanos((FileTime) stat.get("lastModifiedTime")), nanos((FileTime) stat.get("ctime")));
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }
}
