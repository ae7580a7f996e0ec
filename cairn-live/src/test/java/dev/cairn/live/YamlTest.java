package dev.cairn.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {
  @Test
  void writesBlockStyleLikeDvcLive() {
    Map<String, Object> best = new LinkedHashMap<>();
    best.put("kernel", "rbf");
    best.put("C", 10L);
    best.put("gamma", 0.1);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("best_hyperparameters", best);
    root.put("kernels", List.of("linear", "rbf"));
    root.put("lr", 1e-05);
    root.put("nothing", null);
    root.put("empty", List.of());
    root.put("grid", List.of(Map.of("C", 1L), List.of(1L, 2L)));

    assertThat(Yaml.write(root)).isEqualTo("""
        best_hyperparameters:
          kernel: rbf
          C: 10
          gamma: 0.1
        kernels:
        - linear
        - rbf
        lr: 1e-05
        nothing:
        empty: []
        grid:
        - C: 1
        - - 1
          - 2
        """);
  }

  @Test
  void quotesStringsThatWouldReadBackAsSomethingElse() {
    assertThat(Yaml.string("true")).isEqualTo("'true'");
    assertThat(Yaml.string("10")).isEqualTo("'10'");
    assertThat(Yaml.string("1e-3")).isEqualTo("'1e-3'");
    assertThat(Yaml.string("null")).isEqualTo("'null'");
    assertThat(Yaml.string("")).isEqualTo("''");
    assertThat(Yaml.string("a: b")).isEqualTo("'a: b'");
    assertThat(Yaml.string("- x")).isEqualTo("'- x'");
    assertThat(Yaml.string("it's")).isEqualTo("it's");
    assertThat(Yaml.string("#x")).isEqualTo("'#x'");
    assertThat(Yaml.string("line\nbreak")).isEqualTo("\"line\\nbreak\"");
    assertThat(Yaml.string("scale")).isEqualTo("scale");
    assertThat(Yaml.string("data/raw/winequality-red.csv")).isEqualTo("data/raw/winequality-red.csv");
  }

  @Test
  void writesEmptyDocumentAsEmptyMap() {
    assertThat(Yaml.write(Map.of())).isEqualTo("{}\n");
  }
}
