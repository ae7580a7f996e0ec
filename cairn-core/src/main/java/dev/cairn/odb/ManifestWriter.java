package dev.cairn.odb;

import dev.cairn.format.CodePointOrder;
import dev.cairn.format.PyJson;
import dev.cairn.hash.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * Produces a directory's {@code .dir} manifest one entry at a time, in the exact bytes of {@link
 * Manifest#toBytes()}, hashing them as they are made and, when given a channel, writing them: a
 * manifest of a million entries is never held in memory. Entries must come in {@link
 * CodePointOrder} of their relpaths, each once. Not thread-safe.
 */
public final class ManifestWriter {
  private final MessageDigest md = Hashing.md5();
  private final FileChannel out;
  private final byte[] buf = new byte[1 << 16];
  private final StringBuilder quoted = new StringBuilder(128);
  private int pos;
  private int count;
  private String last;
  private String oid;

  /** A writer that only hashes. */
  public ManifestWriter() {
    this(null);
  }

  /** A writer that also writes the bytes to {@code out} (may be null). */
  public ManifestWriter(FileChannel out) {
    this.out = out;
    buf[pos++] = '[';
  }

  /**
   * Appends one entry.
   *
   * @throws IllegalArgumentException when the relpath is unsafe ({@link Manifest.Entry}) or does not
   *     sort after the previous one
   */
  public void add(String relpath, String md5) throws IOException {
    Manifest.checkRelpath(relpath);
    if (last != null && CodePointOrder.INSTANCE.compare(last, relpath) >= 0) {
      throw new IllegalArgumentException("manifest entries out of order: '" + last + "' before '" + relpath + "'");
    }
    last = relpath;
    if (count++ > 0) {
      put(", ");
    }
    put("{\"md5\": \"");
    put(md5);
    put("\", \"relpath\": ");
    if (plain(relpath)) {
      put("\"");
      put(relpath);
      put("\"");
    } else {
      quoted.setLength(0);
      PyJson.quote(quoted, relpath);
      put(quoted);
    }
    put("}");
  }

  /** Entries added so far. */
  public int count() {
    return count;
  }

  /**
   * Closes the list and returns the directory hash, {@code md5 + ".dir"}; the bytes are all in the
   * channel by then (not forced to disk).
   */
  public String finish() throws IOException {
    if (oid == null) {
      put("]");
      flush();
      oid = Hashing.hex(md.digest()) + ".dir";
    }
    return oid;
  }

  /** Printable ASCII without quote or backslash: written as it is. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private void put(CharSequence s) throws IOException {
    int n = s.length();
    if (pos + n > buf.length) {
      flush();
      if (n > buf.length) {
        byte[] big = s.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        md.update(big);
        write(big, big.length);
        return;
      }
    }
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void flush() throws IOException {
    md.update(buf, 0, pos);
    write(buf, pos);
    pos = 0;
  }

  private void write(byte[] b, int n) throws IOException {
    if (out != null) {
      ByteBuffer bb = ByteBuffer.wrap(b, 0, n);
      while (bb.hasRemaining()) {
        out.write(bb);
      }
    }
  }
}
