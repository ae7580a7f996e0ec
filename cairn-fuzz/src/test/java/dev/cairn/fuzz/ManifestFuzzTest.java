package dev.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.odb.CorruptObjectException;
import dev.cairn.odb.Manifest;
import java.util.Arrays;

/** {@code .dir} manifests (cache and remote objects): a list back, or {@link CorruptObjectException}. */
class ManifestFuzzTest {
  @FuzzTest(maxDuration = Fuzz.DURATION)
  void manifest(byte[] input) {
    check(input);
  }

  /** The property, also run by {@link ParsersFuzzTest}. */
  static void check(byte[] input) {
    Manifest m;
    try {
      m = Manifest.parse(input, "fuzz.dir");
    } catch (CorruptObjectException e) {
      Fuzz.checkMessage(e);
      return;
    }
    // a parsed manifest round-trips through DVC's bytes to the same entries
    byte[] bytes = m.toBytes();
    try {
      Manifest again = Manifest.parse(bytes, m.oid());
      if (!again.entries().equals(m.entries())) {
        throw new AssertionError("round trip changed the entries: " + Arrays.toString(bytes));
      }
    } catch (CorruptObjectException e) {
      throw new AssertionError("our own manifest bytes are refused", e);
    }
  }
}
