package dev.cairn.exp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.errors.CairnException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsEditorTest {
  @TempDir Path dir;

  private static final String PARAMS = """
      # training settings
      train:
        C: 1.0  # regularisation
        kernel: rbf
        layers:
        - 16
        - 32
      seed: 42
      """;

  private String apply(String... overrides) throws Exception {
    Map<String, String> out = ParamsEditor.apply(dir,
        Arrays.stream(overrides).map(ParamOverride::parse).toList());
    return out.get("params.yaml");
  }

  private void params(String text) throws Exception {
    Files.writeString(dir.resolve("params.yaml"), text, StandardCharsets.UTF_8);
  }

  @Test
  void parsesEachForm() {
    ParamOverride m = ParamOverride.parse("train.C=10");
    assertThat(m.kind()).isEqualTo(ParamOverride.Kind.MODIFY);
    assertThat(m.file()).isEqualTo("params.yaml");
    assertThat(m.path()).containsExactly("train", "C");
    assertThat(m.value()).isEqualTo(10);
    assertThat(ParamOverride.parse("+a.b=x").kind()).isEqualTo(ParamOverride.Kind.ADD);
    assertThat(ParamOverride.parse("++a=1e-3").value()).isEqualTo(0.001);
    ParamOverride d = ParamOverride.parse("~seed");
    assertThat(d.kind()).isEqualTo(ParamOverride.Kind.DELETE);
    assertThat(d.hasValue()).isFalse();
    ParamOverride f = ParamOverride.parse("conf/train.json:opt.lr=0.1");
    assertThat(f.file()).isEqualTo("conf/train.json");
    assertThat(f.path()).containsExactly("opt", "lr");
    assertThat(ParamOverride.parse("x={a: 1, b: [2]}").value()).isEqualTo(Map.of("a", 1, "b", List.of(2)));
    assertThat(ParamOverride.parse("train.C=[1,10]").value()).isEqualTo(List.of(1, 10));
    assertThat(ParamOverride.parse("layers[1]=5").path()).containsExactly("layers", 1);
    assertThat(ParamOverride.parse("layers.1=5").path()).containsExactly("layers", 1);
    assertThat(ParamOverride.parse("s=").value()).isEqualTo("");
    assertThat(ParamOverride.parse("s=yes").value()).isEqualTo("yes");
    assertThat(ParamOverride.parse("s=true").value()).isEqualTo(true);
    assertThatThrownBy(() -> ParamOverride.parse("novalue")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key=value");
    assertThatThrownBy(() -> ParamOverride.parse("a..b=1")).hasMessageContaining("empty part");
  }

  @Test
  void modifyKeepsCommentsAndLayout() throws Exception {
    params(PARAMS);
    assertThat(apply("train.C=10", "train.kernel=linear", "train.layers.1=64"))
        .isEqualTo(PARAMS.replace("C: 1.0", "C: 10").replace("kernel: rbf", "kernel: linear").replace("- 32", "- 64"));
    // a string that would read back as another type is quoted as ruamel does
    assertThat(apply("train.kernel='1.5'")).contains("kernel: '1.5'\n");
    assertThat(apply("seed=1e-5")).contains("seed: 1e-05\n");
  }

  @Test
  void unknownKeyIsRefusedWithTheNextStep() throws Exception {
    params(PARAMS);
    assertThatThrownBy(() -> apply("train.gamma=1"))
        .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT))
        .hasMessage("unknown param key 'train.gamma' in params.yaml; use +train.gamma=<value> to add it");
    assertThatThrownBy(() -> apply("nope.x=1")).hasMessageContaining("unknown param key 'nope.x'");
    assertThatThrownBy(() -> apply("train.layers.5=1")).hasMessageContaining("unknown param key 'train.layers.5'");
    assertThatThrownBy(() -> apply("+seed=1")).hasMessageContaining("already exists in params.yaml");
    assertThatThrownBy(() -> apply("~gone")).hasMessageContaining("nothing to delete");
    assertThatThrownBy(() -> apply("seed.x=1")).hasMessageContaining("'seed' in params.yaml is a value");
    assertThatThrownBy(() -> ParamsEditor.apply(dir, List.of(ParamOverride.parse("other.yaml:a=1"))))
        .hasMessageContaining("params file 'other.yaml' does not exist");
  }

  @Test
  void addUpsertDeleteListsAndDicts() throws Exception {
    params(PARAMS);
    assertThat(apply("+train.gamma=0.5", "++seed=7", "~train.kernel", "train.layers=[8,16,32]", "+opt={lr: 0.1, m: [1]}",
        "+new.deep.key=x"))
        .isEqualTo("""
            train:
              C: 1.0
              layers:
              - 8
              - 16
              - 32
              gamma: 0.5
            seed: 7
            opt:
              lr: 0.1
              m:
              - 1
            new:
              deep:
                key: x
            """);
    assertThat(apply("++train.layers.2=64")).contains("- 32\n  - 64\n");
    assertThat(apply("~train.layers.0")).contains("layers:\n  - 32\n");
    assertThatThrownBy(() -> apply("~seed=1")).hasMessageContaining("is 42, not 1");
    assertThat(apply("~seed=42")).doesNotContain("seed");
  }

  @Test
  void jsonAndTomlAndNewFiles() throws Exception {
    Files.writeString(dir.resolve("p.json"), "{\n  \"lr\": 0.1,\n  \"n\": [1, 2]\n}\n");
    Files.writeString(dir.resolve("p.toml"), "[train]\nlr = 0.1\n");
    Map<String, String> out = ParamsEditor.apply(dir, List.of(ParamOverride.parse("p.json:lr=0.5"),
        ParamOverride.parse("p.toml:train.lr=0.01"), ParamOverride.parse("new.yaml:+a.b=1")));
    assertThat(out.get("p.json")).isEqualTo("{\n  \"lr\": 0.5,\n  \"n\": [\n    1,\n    2\n  ]\n}\n");
    assertThat(out.get("p.toml")).contains("lr = 0.01");
    assertThat(out.get("new.yaml")).isEqualTo("a:\n  b: 1\n");
    assertThat(Files.exists(dir.resolve("new.yaml"))).isFalse(); // apply writes nothing
    ParamsEditor.write(dir, out);
    assertThat(Files.readString(dir.resolve("new.yaml"))).isEqualTo("a:\n  b: 1\n");
  }

  @Test
  void flowCollectionsAreSplicedWhenSafe() throws Exception {
    params("opt: {lr: 0.1, m: 2}  # flow\n");
    assertThat(apply("opt.lr=0.5")).isEqualTo("opt: {lr: 0.5, m: 2}  # flow\n");
  }
}
