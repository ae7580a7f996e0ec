package dev.cairn.format;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, as Python compares {@code str}. {@link String#compareTo}
 * compares UTF-16 code units, which differs for characters above U+FFFF.
 */
public enum CodePointOrder implements Comparator<String> {
  INSTANCE;

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx == sy) {
          return x - y;
        }
        // a surrogate (code point >= 0x10000) sorts after any BMP char
        return sx ? 1 : -1;
      }
    }
    return a.length() - b.length();
  }
}
