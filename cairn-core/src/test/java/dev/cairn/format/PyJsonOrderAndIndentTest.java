package dev.cairn.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code json.dumps} without sort_keys, compact and with {@code indent=2}; TOML floats as Python floats. */
class PyJsonOrderAndIndentTest {
  @Test
  void keepsInsertionOrderWhenNotSorting() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1L);
    m.put("a", List.of(1.5, "x"));
    assertThat(PyJson.dumps(m, false, -1)).isEqualTo("{\"b\": 1, \"a\": [1.5, \"x\"]}");
    assertThat(PyJson.dumps(m, true, -1)).isEqualTo("{\"a\": [1.5, \"x\"], \"b\": 1}");
    assertThat(PyJson.dumps(m)).isEqualTo(PyJson.dumps(m, true, -1));
  }

  @Test
  void indentsLikePython() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", List.of(1L, 2L));
    m.put("e", Map.of());
    m.put("l", List.of());
    assertThat(PyJson.dumps(m, false, 2))
        .isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": {},\n  \"l\": []\n}");
  }

  @Test
  void tomlFloatsAreDoubles() throws Exception {
    Object o = StructuredFiles.parse("[t]\nlr = 0.1\nxs = [0.5, 2]\n", "p.toml", "p.toml");
    assertThat(o).isEqualTo(Map.of("t", Map.of("lr", 0.1, "xs", List.of(0.5, 2L))));
  }
}
