package io.wharf.cli.copy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** A copy that cannot be done, with the message docker prints for it (exit 1). */
public final class CopyFailure extends RuntimeException {
  public CopyFailure(String message) {
    super(message, null, false, false);
  }

  /** A file system error in Go's words: {@code lstat /x: no such file or directory}. */
  public static CopyFailure of(String operation, String path, IOException e) {
    String reason = switch (e) {
      case NoSuchFileException ignored -> "no such file or directory";
      case AccessDeniedException ignored -> "permission denied";
      case NotDirectoryException ignored -> "not a directory";
      case FileAlreadyExistsException ignored -> "file exists";
      case FileSystemException fs when fs.getReason() != null -> fs.getReason().toLowerCase(java.util.Locale.ROOT);
      default -> e.getMessage();
    };
    return new CopyFailure(operation + " " + path + ": " + reason);
  }
}
