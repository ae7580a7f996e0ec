package dev.cairn.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cairn.format.YamlWriter;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link YamlWriter} against ruamel.yaml's own output for the documents in {@code ruamel/cases.json}
 * (strings needing each quoting style, floats, nulls, nested lists, folding of long plain, single- and
 * double-quoted scalars), produced by {@code ruamel/gen.py} with DVC's dumper settings.
 */
class RuamelConformanceTest {
  private static List<?> read(String name) throws Exception {
    JsonMapper m = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    try (InputStream in = RuamelConformanceTest.class.getResourceAsStream("ruamel/" + name)) {
      return m.readValue(in, List.class);
    }
  }

  @Test
  void everyCaseMatchesRuamel() throws Exception {
    List<?> cases = read("cases.json");
    List<?> expected = read("expected.json");
    assertThat(cases).hasSameSizeAs(expected).hasSizeGreaterThan(150);
    for (int i = 0; i < cases.size(); i++) {
      assertThat(YamlWriter.write(cases.get(i))).as("case %d: %s", i, cases.get(i)).isEqualTo(expected.get(i));
    }
  }
}
