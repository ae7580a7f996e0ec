package dev.cairn.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlWriterTest {
  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void lockStyle() {
    Map<String, Object> doc = map("schema", "2.0", "stages", map("train", map(
        "cmd", "python train.py",
        "deps", List.of(map("path", "data", "hash", "md5", "md5", "5ea40360f5b4ec688df672a4db9c17d1.dir", "size", 6L,
            "nfiles", 2L)),
        "params", map("params.yaml", map("lr", 0.001, "train.epochs", 10L)))));
    assertThat(YamlWriter.write(doc)).isEqualTo("""
        schema: '2.0'
        stages:
          train:
            cmd: python train.py
            deps:
            - path: data
              hash: md5
              md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
              size: 6
              nfiles: 2
            params:
              params.yaml:
                lr: 0.001
                train.epochs: 10
        """);
  }

  @Test
  void quoting() {
    assertThat(YamlWriter.needsQuotes("2.0")).isTrue();
    assertThat(YamlWriter.needsQuotes("123")).isTrue();
    assertThat(YamlWriter.needsQuotes("true")).isTrue();
    assertThat(YamlWriter.needsQuotes("null")).isTrue();
    assertThat(YamlWriter.needsQuotes("a: b")).isTrue();
    assertThat(YamlWriter.needsQuotes("#x")).isTrue();
    assertThat(YamlWriter.needsQuotes("yes")).isFalse();
    assertThat(YamlWriter.needsQuotes("python train.py --lr 0.1")).isFalse();
    assertThat(YamlWriter.needsQuotes("data/raw.csv")).isFalse();
    assertThat(YamlWriter.write(map("v", "it's: x"))).isEqualTo("v: \"it's: x\"\n");
    assertThat(YamlWriter.write(map("f", 1e-5, "g", 1.0e16, "h", List.of()))).isEqualTo("f: 1e-05\ng: 1e+16\nh: []\n");
  }

  @Test
  void longPlainScalarsFoldAfterColumn80() {
    String cmd = "python src/train.py --input data/processed --output models/model.pkl --params params.yaml --seed 42";
    String out = YamlWriter.write(map("stages", map("train", map("cmd", cmd))));
    assertThat(out).isEqualTo("stages:\n  train:\n    cmd: python src/train.py --input data/processed --output models/model.pkl --params\n"
        + "      params.yaml --seed 42\n");
  }
}
