package io.wharf.registry.server;

/**
 * The distribution spec's error codes with their HTTP status and message. {@code UNKNOWN} and
 * {@code PAGINATION_NUMBER_INVALID} are distribution's, which the spec's table leaves out.
 * Immutable.
 */
enum ErrorCode {
  BLOB_UNKNOWN(404, "blob unknown to registry"),
  BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
  DIGEST_INVALID(400, "provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
  MANIFEST_INVALID(400, "manifest invalid"),
  MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
  NAME_INVALID(400, "invalid repository name"),
  NAME_UNKNOWN(404, "repository name not known to registry"),
  SIZE_INVALID(400, "provided length did not match content length"),
  UNAUTHORIZED(401, "authentication required"),
  UNSUPPORTED(405, "the operation is unsupported"),
  PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
  UNKNOWN(500, "unknown error");

  final int status;
  final String message;

  ErrorCode(int status, String message) {
    this.status = status;
    this.message = message;
  }
}
