package io.wharf.engine.archive;

/**
 * Go's {@code os.FileMode} bits, which Docker's API reports file modes in (the {@code mode} of
 * {@code X-Docker-Container-Path-Stat}): the permission bits, with the file type and the
 * setuid/setgid/sticky bits in the high bits instead of the Unix places. Stateless.
 */
final class GoFileMode {
  static final long DIR = 1L << 31;
  static final long SYMLINK = 1L << 27;
  static final long DEVICE = 1L << 26;
  static final long NAMED_PIPE = 1L << 25;
  static final long SOCKET = 1L << 24;
  static final long SETUID = 1L << 23;
  static final long SETGID = 1L << 22;
  static final long CHAR_DEVICE = 1L << 21;
  static final long STICKY = 1L << 20;

  private GoFileMode() {}

  /** The Go mode of a Unix {@code st_mode}, as Go's {@code fillFileStatFromSys} makes it. */
  static long of(int unixMode) {
    long mode = unixMode & 0777;
    mode |= switch (unixMode & 0170000) {
      case 0060000 -> DEVICE;
      case 0020000 -> DEVICE | CHAR_DEVICE;
      case 0040000 -> DIR;
      case 0010000 -> NAMED_PIPE;
      case 0120000 -> SYMLINK;
      case 0140000 -> SOCKET;
      default -> 0;
    };
    if ((unixMode & 04000) != 0) {
      mode |= SETUID;
    }
    if ((unixMode & 02000) != 0) {
      mode |= SETGID;
    }
    if ((unixMode & 01000) != 0) {
      mode |= STICKY;
    }
    return mode;
  }
}
