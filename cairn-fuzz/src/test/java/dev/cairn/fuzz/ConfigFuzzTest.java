package dev.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.config.ConfigFile;

/** {@code .dvc/config} (configobj): sections back, which write and read back the same, or a syntax error. */
class ConfigFuzzTest {
  @FuzzTest(maxDuration = Fuzz.DURATION)
  void config(byte[] input) {
    check(input);
  }

  /** The property, also run by {@link ParsersFuzzTest}. */
  static void check(byte[] input) {
    ConfigFile cf;
    try {
      cf = ConfigFile.parse(Fuzz.text(input), "config");
    } catch (ConfigFile.SyntaxException e) {
      Fuzz.checkMessage(e);
      return;
    }
    String text;
    try {
      text = cf.toText();
    } catch (IllegalArgumentException e) {
      // documented: a value no quoting can hold (configobj refuses it too) is refused on write
      if (!e.getMessage().contains("cannot be written to a config file")) {
        throw e;
      }
      return;
    }
    ConfigFile again;
    try {
      again = ConfigFile.parse(text, "config (rewritten)");
    } catch (ConfigFile.SyntaxException e) {
      throw new AssertionError("our own config is refused:\n" + text, e);
    }
    if (!again.sections().equals(cf.sections())) {
      throw new AssertionError("round trip changed the values:\n" + cf.sections() + "\n" + text + "\n" + again.sections());
    }
  }
}
