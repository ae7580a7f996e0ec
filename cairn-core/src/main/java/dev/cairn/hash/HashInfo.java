package dev.cairn.hash;

import java.util.Locale;
import java.util.Objects;

/**
 * A content hash as DVC records it: the algorithm name ({@code md5} for DVC 3 entries, {@code
 * md5-dos2unix} for legacy DVC 2 entries) and the value, a 32-hex MD5 with a {@code .dir} suffix for
 * directory manifests.
 */
public record HashInfo(String name, String value) {
  /** DVC 3's plain MD5. */
  public static final String MD5 = "md5";
  /** DVC 2's legacy hash (CRLF normalised in text files). */
  public static final String MD5_DOS2UNIX = "md5-dos2unix";

  public HashInfo {
    Objects.requireNonNull(name);
    Objects.requireNonNull(value);
    if (!isLowerValid(value)) {
      value = value.toLowerCase(Locale.ROOT);
      if (!isLowerValid(value)) {
        throw new IllegalArgumentException("Invalid md5 hash '" + value + "'");
      }
    }
  }

  /** Whether {@code s} is a valid hash value (after lower-casing). */
  public static boolean isValid(String s) {
    return s != null && (isLowerValid(s) || isLowerValid(s.toLowerCase(Locale.ROOT)));
  }

  /**
   * 32 lowercase hex digits, optionally followed by {@code .dir}: checked by hand, since millions of
   * hashes pass here when a large directory is added or fetched.
   */
  private static boolean isLowerValid(String s) {
    int n = s.length();
    if (n != 32 && !(n == 36 && s.startsWith(".dir", 32))) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  public static HashInfo md5(String value) {
    return new HashInfo(MD5, value);
  }

  public boolean isDir() {
    return value.endsWith(".dir");
  }

  public boolean isLegacy() {
    return name.equals(MD5_DOS2UNIX);
  }

  /** The hash without the {@code .dir} suffix. */
  public String bare() {
    return isDir() ? value.substring(0, value.length() - 4) : value;
  }

  /** The object's path relative to its ODB root: {@code ab/cdef…[.dir]}. */
  public String relPath() {
    return value.substring(0, 2) + "/" + value.substring(2);
  }

  @Override
  public String toString() {
    return value;
  }
}
