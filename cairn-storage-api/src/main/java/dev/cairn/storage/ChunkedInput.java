package dev.cairn.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A download that can hand out its bytes in the buffers they arrived in, instead of copying them
 * into the caller's array: a {@link Storage#open} stream may implement it, and a consumer that hashes
 * and writes large objects takes the bytes this way (a buffer from native memory is hashed and
 * written without another copy). Streams that wrap one implement it too and pass the chunks through.
 *
 * <p>Each chunk is lent: the caller reads its bytes between position and limit, must not change
 * them, and gives the buffer back with {@link #release} (from any thread) once it no longer reads
 * it. Closing the stream takes back whatever is still lent; a chunk released after that is
 * ignored. Chunks and {@link InputStream#read} calls may follow each other: {@code read} continues
 * after the last chunk.
 */
public interface ChunkedInput {
  /**
   * The next bytes, at least one, or null at the end of the stream.
   *
   * @throws IOException as {@code read} would
   */
  ByteBuffer nextChunk() throws IOException;

  /** Gives back a chunk of {@link #nextChunk}. */
  void release(ByteBuffer chunk);

  /** Whether chunks come from this stream itself (a wrapper answers for what it wraps). */
  default boolean chunked() {
    return true;
  }

  /** The chunked view of {@code in}, or null when it reads only through {@code read}. */
  static ChunkedInput of(InputStream in) {
    return in instanceof ChunkedInput c && c.chunked() ? c : null;
  }
}
