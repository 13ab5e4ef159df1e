package io.wharf.registry.client;

/** What pushing one blob came to. */
public enum BlobPush {
  /** The bytes were sent. */
  UPLOADED,
  /** The repository had the blob already. */
  PRESENT,
  /** The registry linked it from the repository named as the mount source. */
  MOUNTED
}
