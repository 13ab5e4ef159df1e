package io.wharf.daemon;

/** The version wharfd reports ({@code /version}, {@code Server} header). */
public final class WharfVersion {
  public static final String VERSION = "0.1.0";

  private WharfVersion() {}

  /** The commit this build was made from, when the build recorded it. */
  public static String gitCommit() {
    String commit = WharfVersion.class.getPackage().getImplementationVersion();
    return commit == null ? "unknown" : commit;
  }
}
