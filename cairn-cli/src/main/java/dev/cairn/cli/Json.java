package dev.cairn.cli;

import dev.cairn.format.PyJson;

/** JSON output in DVC's style (Python's compact {@code json.dumps}). */
final class Json {
  private Json() {}

  static String of(Object o) {
    return PyJson.dumpsUnsorted(o);
  }
}
