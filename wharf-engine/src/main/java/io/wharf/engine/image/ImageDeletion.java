package io.wharf.engine.image;

/**
 * One line of {@code docker rmi}'s answer: either a tag that was removed or an image that
 * was deleted. Exactly one of the two is non-null.
 */
public record ImageDeletion(String untagged, String deleted) {
  public static ImageDeletion untagged(String reference) {
    return new ImageDeletion(reference, null);
  }

  public static ImageDeletion deleted(String id) {
    return new ImageDeletion(null, id);
  }
}
