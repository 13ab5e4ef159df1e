package io.wharf.daemon;

/** The version wharfd reports ({@code /version}, {@code Server} header). */
public final class WharfVersion {
  public static final String VERSION = "0.1.0";

  private WharfVersion() {}

  /** The commit this build was made from, which the launcher passes ({@code -Dwharf.commit}). */
  public static String gitCommit() {
    return System.getProperty("wharf.commit", "unknown");
  }
}
