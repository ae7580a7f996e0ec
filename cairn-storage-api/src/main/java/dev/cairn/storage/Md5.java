package dev.cairn.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5 digests, the hash of DVC's cache and of S3's {@code Content-MD5}. Where the system has
 * OpenSSL's {@code libcrypto} (1.1 or 3), digests run there ({@link OpenSslMd5}): about 2x the JDK's
 * MD5 when the JVM runs without its optimizing compiler, as short commands do, and never slower
 * than it. Otherwise, or when {@code CAIRN_NATIVE_MD5=0} (or the system property
 * {@code cairn.md5=jdk}) is set, they are the JDK's own. Either way the bytes of a digest are the
 * same; the native one checks itself against a known vector before it is ever used.
 *
 * <p>Loading libcrypto costs a JVM about 50 ms, more than hashing a few megabytes costs in Java, so
 * a digest keeps its first {@value LazyMd5#THRESHOLD} bytes and goes native only when it is fed more:
 * commands that hash small files never load the library.
 */
public final class Md5 {
  private Md5() {}

  /** A fresh MD5 digest; not thread-safe, like any {@link MessageDigest}. */
  public static MessageDigest newDigest() {
    return new LazyMd5();
  }

  /**
   * A fresh MD5 digest for input of a known size: the JDK's up to {@value LazyMd5#THRESHOLD} bytes,
   * OpenSSL's (where available) beyond, without {@link #newDigest()}'s keeping of the first bytes.
   *
   * @param expectedBytes how many bytes will be fed; negative when unknown
   */
  public static MessageDigest newDigest(long expectedBytes) {
    if (expectedBytes < 0) {
      return newDigest();
    }
    return expectedBytes > LazyMd5.THRESHOLD && OpenSslMd5.available() ? new OpenSslMd5() : jdk();
  }

  /** The JDK's MD5, whatever the system offers. */
  public static MessageDigest jdk() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  /** Whether digests run in OpenSSL (for diagnostics and benchmarks). */
  public static boolean isNative() {
    return OpenSslMd5.available();
  }

  /** MD5 of a buffer's remaining bytes, consuming them. */
  public static byte[] of(ByteBuffer data) {
    MessageDigest md = newDigest();
    md.update(data);
    return md.digest();
  }

  /** MD5 of a slice of bytes. */
  public static byte[] of(byte[] data, int off, int len) {
    MessageDigest md = newDigest();
    md.update(data, off, len);
    return md.digest();
  }
}
