package dev.cairn.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical path helpers with {@code /} separators (no file-system access). */
final class Paths {
  private Paths() {}

  /** Joins and normalises ({@code .} and {@code ..} removed); leading {@code ..} stay; "" is the root. */
  static String join(String base, String rel) {
    String r = rel.replace('\\', '/');
    String combined = r.startsWith("/") || base.isEmpty() ? r : base + "/" + r;
    return normalize(combined);
  }

  static String normalize(String p) {
    boolean abs = p.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else if (!(s.equals("..") && abs)) {
        parts.addLast(s);
      }
    }
    String j = String.join("/", parts);
    return abs ? "/" + j : j;
  }

  /** Whether {@code a} equals {@code b} or one contains the other. */
  static boolean overlap(String a, String b) {
    return a.equals(b) || isUnder(a, b) || isUnder(b, a);
  }

  /** Whether {@code child} lies strictly inside {@code parent}. */
  static boolean isUnder(String child, String parent) {
    if (parent.isEmpty()) {
      return !child.isEmpty() && !child.startsWith("..") && !child.startsWith("/");
    }
    return child.length() > parent.length() && child.startsWith(parent) && child.charAt(parent.length()) == '/';
  }
}
