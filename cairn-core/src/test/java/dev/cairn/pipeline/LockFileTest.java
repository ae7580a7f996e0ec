package dev.cairn.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.hash.EntryHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  @TempDir
  Path root;

  static final String SPEC_EXAMPLE = """
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
          - path: train.py
            hash: md5
            md5: acbd18db4cc2f85cedef654fccc4a4d8
            size: 3
            isexec: true
          params:
            params.yaml:
              lr: 0.001
              train.epochs: 10
            conf/other.yaml:
              seed: 1
          outs:
          - path: model.pkl
            hash: md5
            md5: 37b51d194a7513e45b56f6524f2d51f2
            size: 3
      """;

  @Test
  void specExampleIsWrittenByteForByte() {
    Map<String, Map<String, Object>> params = new LinkedHashMap<>();
    params.put("conf/other.yaml", Map.of("seed", 1L));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("train.epochs", 10L);
    p.put("lr", 0.001);
    params.put("params.yaml", p);
    LockEntry e = LockEntry.of("python train.py",
        List.of(LockItem.of("train.py", new EntryHash("md5", "acbd18db4cc2f85cedef654fccc4a4d8", 3L, null, true, null)),
            LockItem.of("data", EntryHash.dir("5ea40360f5b4ec688df672a4db9c17d1.dir", 6, 2))),
        params, List.of(LockItem.of("model.pkl", EntryHash.md5("37b51d194a7513e45b56f6524f2d51f2", 3))));
    assertThat(LockFile.empty().with("train", e).toYaml()).isEqualTo(SPEC_EXAMPLE);
  }

  @Test
  void readWriteRoundTrip() throws Exception {
    LockFile lf = LockFile.parse(SPEC_EXAMPLE, "dvc.lock");
    assertThat(lf.toYaml()).isEqualTo(SPEC_EXAMPLE);
    LockEntry e = lf.entry("train").orElseThrow();
    assertThat(e.dep("train.py").hash().isexec()).isTrue();
    assertThat(e.dep("data").hash().nfiles()).isEqualTo(2L);
    assertThat(e.params().get("params.yaml")).containsEntry("lr", 0.001);
  }

  static final String DEMO_LOCK = """
      schema: '2.0'
      stages:
        process:
          cmd: python src/process.py data/winequality-red.csv data/processed
          deps:
          - path: data/winequality-red.csv
            hash: md5
            md5: 2daeecee174368f8a33b82c8cccae3a5
            size: 100951
          - path: src/process.py
            hash: md5
            md5: 1cb251ec0d568de6a929b520c4aed8d1
            size: 1024
          params:
            params.yaml:
              process:
                feature: quality
                test_size: 0.2
          outs:
          - path: data/processed
            hash: md5
            md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
            size: 90000
            nfiles: 2
        train:
          cmd: python src/train.py data/processed models/model.pkl
          deps:
          - path: data/processed
            hash: md5
            md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
            size: 90000
            nfiles: 2
          - path: src/train.py
            hash: md5
            md5: cef7ccd89dacf1ced6f5ec91d759953f
            size: 2048
          params:
            params.yaml:
              train.grid_search:
                cv: 5
                scoring: f1_weighted
              train.hyperparameters:
                kernel: rbf
                C:
                - 0.1
                - 1
                - 10
                gamma:
                - 0.001
                - 0.01
          outs:
          - path: models/model.pkl
            hash: md5
            md5: fe6123a759017e4a2af4a2d19961ed71
            size: 40000
        evaluate:
          cmd: python src/evaluate.py models/model.pkl data/processed
          deps:
          - path: data/processed
            hash: md5
            md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
            size: 90000
            nfiles: 2
          - path: models/model.pkl
            hash: md5
            md5: fe6123a759017e4a2af4a2d19961ed71
            size: 40000
          - path: src/evaluate.py
            hash: md5
            md5: 22af645d1859cb5ca6da0c484f1f37ea
            size: 512
          outs:
          - path: metrics.json
            hash: md5
            md5: c4ca4238a0b923820dcc509a6f75849b
            size: 60
          - path: plots/confusion.csv
            hash: md5
            md5: c81e728d9d4c2f636f067f89cc14862c
            size: 300
      """;

  static FakeHashes demoHashes(Path root) {
    return new FakeHashes(root)
        .put("data/winequality-red.csv", EntryHash.md5("2daeecee174368f8a33b82c8cccae3a5", 100951))
        .put("src/process.py", EntryHash.md5("1cb251ec0d568de6a929b520c4aed8d1", 1024))
        .put("src/train.py", EntryHash.md5("cef7ccd89dacf1ced6f5ec91d759953f", 2048))
        .put("src/evaluate.py", EntryHash.md5("22af645d1859cb5ca6da0c484f1f37ea", 512))
        .put("data/processed", EntryHash.dir("5ea40360f5b4ec688df672a4db9c17d1.dir", 90000, 2))
        .put("models/model.pkl", EntryHash.md5("fe6123a759017e4a2af4a2d19961ed71", 40000))
        .put("metrics.json", EntryHash.md5("c4ca4238a0b923820dcc509a6f75849b", 60))
        .put("plots/confusion.csv", EntryHash.md5("c81e728d9d4c2f636f067f89cc14862c", 300));
  }

  @Test
  void demoPipelineLockByteForByte() throws Exception {
    Pipeline p = Fixtures.demo(root);
    StatusChecker checker = new StatusChecker(root, demoHashes(root), ParamsSource.FILES);
    LockFile lf = LockFile.empty();
    for (Stage s : Dag.of(List.of(p)).plan(List.of(), Dag.Scope.UPSTREAM)) {
      lf = lf.with(s.name(), checker.currentEntry(s, true));
    }
    assertThat(lf.toYaml()).isEqualTo(DEMO_LOCK);
    Path file = root.resolve("dvc.lock");
    lf.write(file);
    assertThat(Files.readString(file)).isEqualTo(DEMO_LOCK);
    assertThat(LockFile.read(file).toYaml()).isEqualTo(DEMO_LOCK);
    assertThat(LockFile.pathFor(root, p.stages().get(0))).isEqualTo(file);
  }

  @Test
  void entriesKeepPositionNewAppendedRemovedDeletedFileWhenEmpty() throws Exception {
    LockFile lf = LockFile.parse(DEMO_LOCK, "dvc.lock");
    LockEntry changed = new LockEntry("python src/train.py --fast", List.of(), Map.of(), List.of());
    LockFile updated = lf.with("train", changed).with("report", new LockEntry("make report", List.of(), Map.of(),
        List.of()));
    assertThat(updated.stageNames()).containsExactly("process", "train", "evaluate", "report");
    assertThat(updated.toYaml()).contains("  train:\n    cmd: python src/train.py --fast\n  evaluate:\n")
        .endsWith("  report:\n    cmd: make report\n");
    assertThat(updated.without("train").stageNames()).containsExactly("process", "evaluate", "report");
    Path file = root.resolve("dvc.lock");
    updated.write(file);
    assertThat(file).exists();
    updated.retain(List.of()).write(file);
    assertThat(file).doesNotExist();
    assertThat(LockFile.read(file).isEmpty()).isTrue();
  }

  @Test
  void legacyEntriesArePreserved() throws Exception {
    String legacy = """
        schema: '2.0'
        stages:
          old:
            cmd: python old.py
            deps:
            - path: old.py
              md5: D3B07384D113EDEC49EAA6238AD5FF00
              size: 4
            outs:
            - path: out
              md5: 22af645d1859cb5ca6da0c484f1f37ea
              size: 3
              isexec: true
        """;
    LockFile lf = LockFile.parse(legacy, "dvc.lock");
    LockItem dep = lf.entry("old").orElseThrow().dep("old.py");
    assertThat(dep.legacy()).isTrue();
    assertThat(dep.hash().value()).isEqualTo("d3b07384d113edec49eaa6238ad5ff00");
    assertThat(lf.toYaml()).isEqualTo(legacy.replace("D3B07384D113EDEC49EAA6238AD5FF00",
        "d3b07384d113edec49eaa6238ad5ff00"));
  }

  @Test
  void cmdListsLongCommandsAndQuoting() {
    LockFile lf = LockFile.empty()
        .with("list", LockEntry.of(List.of("echo a", "echo b: c"), List.of(), Map.of(), List.of()))
        .with("long", LockEntry.of("python src/train.py --input data/processed/train.csv --output models/model.pkl"
            + " --epochs 10", List.of(), Map.of(), List.of()))
        .with("hash", LockEntry.of("echo x #not a comment", List.of(), Map.of(),
            List.of(LockItem.of("a: b", EntryHash.md5("c4ca4238a0b923820dcc509a6f75849b", 1)))));
    assertThat(lf.toYaml()).isEqualTo("""
        schema: '2.0'
        stages:
          list:
            cmd:
            - echo a
            - 'echo b: c'
          long:
            cmd: python src/train.py --input data/processed/train.csv --output models/model.pkl
              --epochs 10
          hash:
            cmd: 'echo x #not a comment'
            outs:
            - path: 'a: b'
              hash: md5
              md5: c4ca4238a0b923820dcc509a6f75849b
              size: 1
        """);
  }

  @Test
  void paramValuesKeepTheirYamlTypes() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("lr", 1.0e-5);
    v.put("big", 1e16);
    v.put("flag", true);
    v.put("name", "yes");
    v.put("version", "1.0");
    v.put("none", null);
    LockFile lf = LockFile.empty().with("s", LockEntry.of("run", List.of(), Map.of("params.yaml", v), List.of()));
    assertThat(lf.toYaml()).isEqualTo("""
        schema: '2.0'
        stages:
          s:
            cmd: run
            params:
              params.yaml:
                big: 1e+16
                flag: true
                lr: 1e-05
                name: yes
                none:
                version: '1.0'
        """);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> LockFile.parse("stages: {}\n", "dvc.lock"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("dvc.lock: schema: unsupported lock file schema (missing): expected '2.0' (written by DVC 2.x/3.x)");
    assertThatThrownBy(() -> LockFile.parse("schema: '2.0'\nstages:\n  a:\n    cmd: x\n    outz: []\n", "dvc.lock"))
        .hasMessage("dvc.lock:5: stage 'a': unknown key 'outz'");
    assertThatThrownBy(() -> LockFile.parse("schema: '2.0'\nstages:\n  a:\n    cmd: [x\n", "dvc.lock"))
        .hasMessageStartingWith("dvc.lock:");
  }

  @Test
  void runCacheEntryTextRoundTrips() throws Exception {
    LockEntry e = LockFile.parse(SPEC_EXAMPLE, "dvc.lock").entry("train").orElseThrow();
    String text = RunCache.entryText(e);
    assertThat(text).startsWith("cmd: python train.py\ndeps:\n- path: data\n  hash: md5\n");
    assertThat(RunCache.parseEntry(text, "runs/x")).isEqualTo(e);
  }
}
