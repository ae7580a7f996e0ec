package dev.cairn.storage;

import java.io.IOException;

/**
 * A {@link Storage} that reports what its server says about an object (size and version tag) in
 * one request, for checksums that follow a source without reading it ({@code import-url} records
 * an S3 or Azure object's ETag, an HTTP server's ETag or {@code Content-MD5}, as DVC does).
 */
public interface SupportsInfo {
  /**
   * What the server reports for {@code key}, or null when no object has that key.
   *
   * @throws IOException on any other failure
   */
  ObjectInfo info(String key) throws IOException;

  /**
   * An object's metadata.
   *
   * @param size its size in bytes
   * @param etag the entity tag exactly as the server sent it (quotes included), or null
   * @param contentMd5 the base64 {@code Content-MD5} the server sent, or null
   */
  record ObjectInfo(long size, String etag, String contentMd5) {}
}
