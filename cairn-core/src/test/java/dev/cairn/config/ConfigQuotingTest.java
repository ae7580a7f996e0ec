package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that need more than plain quotes still read back the same (findings of the config fuzz target). */
class ConfigQuotingTest {
  @ParameterizedTest
  @ValueSource(strings = {"a\"b'c", "'x\"", "x\"'", "it's", "say \"hi\"", "a\nb'", "a'''b\"", ".\"\"\"\"\"e ='AKIA'"})
  void roundTrips(String value) throws Exception {
    ConfigFile cf = new ConfigFile();
    cf.set("core", "k", value);
    assertThat(ConfigFile.parse(cf.toText(), "config").get("core", "k")).isEqualTo(value);
  }

  @Test
  void aValueNoQuotingCanHoldIsRefusedOnWrite() {
    ConfigFile cf = new ConfigFile();
    cf.set("core", "k", "a''' and \"\"\", b");
    assertThatThrownBy(cf::toText).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be written to a config file");
  }

  /** Found by fuzzing: a CR before a line break inside a multi-line value lost one CR per write. */
  @Test
  void aCarriageReturnBeforeALineBreakInAValueIsRefusedOnWrite() throws Exception {
    ConfigFile cf = new ConfigFile();
    cf.set("core", "k", "line\r\nnext");
    assertThatThrownBy(cf::toText).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be written to a config file");
    cf.set("core", "k", "cr\ralone\nand a line");
    assertThat(ConfigFile.parse(cf.toText(), "config").get("core", "k")).isEqualTo("cr\ralone\nand a line");
  }
}
