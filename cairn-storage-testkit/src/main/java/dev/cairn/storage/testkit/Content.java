package dev.cairn.storage.testkit;

import dev.cairn.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;

/** Helpers that make deterministic test content and move it in and out of a {@link Storage}. */
public final class Content {
  private Content() {}

  /** {@code size} pseudo-random bytes, the same for the same {@code seed}. */
  public static byte[] random(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Writes {@code bytes} under {@code key} and publishes them (closes the atomic output). */
  public static void put(Storage storage, String key, byte[] bytes) throws IOException {
    try (OutputStream out = storage.create(key)) {
      out.write(bytes);
    }
  }

  /** Reads the whole object under {@code key}. */
  public static byte[] get(Storage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }

  /** A DVC 3 object key ({@code files/md5/xx/yyyy…}) derived from {@code seed}. */
  public static String dvcKey(long seed) {
    String hex = String.format("%016x%016x", seed * 0x9E3779B97F4A7C15L, ~seed * 0xC2B2AE3D27D4EB4FL);
    return "files/md5/" + hex.substring(0, 2) + "/" + hex.substring(2);
  }
}
