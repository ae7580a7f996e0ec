package dev.cairn.hash;

import dev.cairn.storage.Md5;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * DVC's content hashes (dvc-format.md §1): plain MD5 of the bytes for DVC 3 entries ({@code hash:
 * md5}), and the legacy {@code md5-dos2unix} of DVC 2 entries, which turns CRLF into LF inside each
 * 1 MiB chunk of files that look like text. Thread-safe (no shared state).
 */
public final class Hashing {
  /** DVC reads files in chunks of this size; the dos2unix rules work per chunk. */
  public static final int CHUNK = 1 << 20;
  /** Bytes looked at to tell text from binary. */
  static final int TEXT_BLOCK = 512;

  private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK));

  private Hashing() {}

  /** A fresh MD5 digest: OpenSSL's where the system has it, else the JDK's ({@link Md5}). */
  public static MessageDigest md5() {
    return Md5.newDigest();
  }

  /** {@link #md5()} for input of a known size, which chooses where it runs at once. */
  public static MessageDigest md5(long size) {
    return Md5.newDigest(size);
  }

  /** Lowercase hex. */
  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /** MD5 of bytes, as lowercase hex. */
  public static String md5Hex(byte[] data) {
    return hex(md5().digest(data));
  }

  /** MD5 of a file's bytes (following symlinks), as lowercase hex. */
  public static String md5File(Path file) throws IOException {
    ByteBuffer buf = BUFFERS.get();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MessageDigest md = md5(ch.size());
      while (true) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        buf.flip();
        md.update(buf);
      }
      return hex(md.digest());
    }
  }

  /**
   * DVC's text heuristic on a block (the first 512 bytes): empty is text; a NUL byte means binary;
   * otherwise text when the bytes outside {@code 32..126, \n \r \t \f \b} are at most 30 %.
   */
  public static boolean isText(byte[] block, int off, int len) {
    int n = Math.min(len, TEXT_BLOCK);
    if (n == 0) {
      return true;
    }
    int nontext = 0;
    for (int i = off; i < off + n; i++) {
      int b = block[i] & 0xff;
      if (b == 0) {
        return false;
      }
      boolean text = (b >= 32 && b <= 126) || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == '\b';
      if (!text) {
        nontext++;
      }
    }
    return nontext * 10 <= n * 3;
  }

  /** Which legacy chunking rule to apply (dvc-format.md §1.2). */
  public enum Dos2UnixRule {
    /** DVC 2: text or binary decided once, from the first 512 bytes of the file. */
    DVC2,
    /** DVC 3's {@code md5-dos2unix}: decided again for every 1 MiB chunk. */
    DVC3
  }

  /** The legacy {@code md5-dos2unix} hash of a stream. */
  public static String dos2unixMd5(InputStream in, Dos2UnixRule rule) throws IOException {
    MessageDigest md = md5();
    byte[] chunk = new byte[CHUNK];
    byte[] out = new byte[CHUNK];
    Boolean fileIsText = null;
    while (true) {
      int n = in.readNBytes(chunk, 0, CHUNK);
      if (n <= 0) {
        break;
      }
      boolean text;
      if (rule == Dos2UnixRule.DVC2) {
        if (fileIsText == null) {
          fileIsText = isText(chunk, 0, n);
        }
        text = fileIsText;
      } else {
        text = isText(chunk, 0, n);
      }
      if (text) {
        int w = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\r' && i + 1 < n && chunk[i + 1] == '\n') {
            continue;
          }
          out[w++] = chunk[i];
        }
        md.update(out, 0, w);
      } else {
        md.update(chunk, 0, n);
      }
      if (n < CHUNK) {
        break;
      }
    }
    return hex(md.digest());
  }

  /** {@link #dos2unixMd5(InputStream, Dos2UnixRule)} of a file. */
  public static String dos2unixMd5(Path file, Dos2UnixRule rule) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return dos2unixMd5(in, rule);
    }
  }
}
