package dev.cairn.storage;

/** Validation of storage keys, shared by every backend. */
public final class Keys {
  private Keys() {}

  /**
   * Returns {@code key} if it is a safe relative key, else throws.
   *
   * @throws IllegalArgumentException for an empty or absolute key, a backslash, or a {@code .} or
   *     {@code ..} segment
   */
  public static String check(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/") || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Invalid storage key '" + key + "'");
    }
    for (String seg : key.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        throw new IllegalArgumentException("Invalid storage key '" + key + "'");
      }
    }
    return key;
  }
}
