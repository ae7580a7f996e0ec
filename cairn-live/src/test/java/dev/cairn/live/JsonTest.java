package dev.cairn.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesLikePythonJsonDumpWithIndentFour() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("loss", 0.25);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("accuracy", 0.6);
    root.put("train", inner);
    root.put("step", 3L);
    root.put("empty", Map.of());
    root.put("list", List.of(1L, "a"));
    root.put("none", null);
    root.put("flag", true);

    assertThat(Json.write(root)).isEqualTo("""
        {
            "accuracy": 0.6,
            "train": {
                "loss": 0.25
            },
            "step": 3,
            "empty": {},
            "list": [
                1,
                "a"
            ],
            "none": null,
            "flag": true
        }
        """);
  }

  @Test
  void escapesAsPythonWithEnsureAscii() {
    assertThat(Json.write("q\"b\\s\n\t\u0001é€\u007f")).isEqualTo("\"q\\\"b\\\\s\\n\\t\\u0001\\u00e9\\u20ac\\u007f\"\n");
  }

  @Test
  void writesEmptyContainersInline() {
    assertThat(Json.write(Map.of())).isEqualTo("{}\n");
    assertThat(Json.write(List.of())).isEqualTo("[]\n");
  }
}
