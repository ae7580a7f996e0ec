package dev.cairn.pipeline;

import static dev.cairn.pipeline.Fixtures.parse;
import static dev.cairn.pipeline.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.EntryHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCheckerTest {
  @TempDir
  Path root;

  private List<StageStatus> statusAll(Pipeline p, FakeHashes hashes, LockFile lock) throws Exception {
    StatusChecker c = new StatusChecker(root, hashes, ParamsSource.FILES);
    List<StageStatus> out = new ArrayList<>();
    for (Stage s : p.stages()) {
      out.add(c.status(s, lock.entry(s.name()).orElse(null)));
    }
    return out;
  }

  private LockFile demoLock() throws Exception {
    return LockFile.parse(LockFileTest.DEMO_LOCK, "dvc.lock");
  }

  @Test
  void upToDate() throws Exception {
    Pipeline p = Fixtures.demo(root);
    List<StageStatus> st = statusAll(p, LockFileTest.demoHashes(root), demoLock());
    assertThat(st).allMatch(StageStatus::isEmpty).noneMatch(StageStatus::mustRun);
    assertThat(StageStatus.render(st)).isEqualTo("Data and pipelines are up to date.\n");
    assertThat(StageStatus.toJson(st)).isEmpty();
  }

  @Test
  void changesInDvcOrderAndShape() throws Exception {
    write(root, "params.yaml", Fixtures.DEMO_PARAMS.replace("kernel: rbf", "kernel: linear")
        .replace("cv: 5", "cv: 5.0"));
    write(root, "dvc.yaml", Fixtures.DEMO_DVC_YAML.replace("python src/train.py data", "python src/train.py -v data"));
    Pipeline p = PipelineParser.load(root);
    FakeHashes h = LockFileTest.demoHashes(root);
    h.put("data/processed", EntryHash.dir("8761c4e9acad696bee718615e23e22db.dir", 10, 3));
    h.files.remove("models/model.pkl");
    h.missingFromCache.add("c4ca4238a0b923820dcc509a6f75849b");
    List<StageStatus> st = statusAll(p, h, demoLock());
    assertThat(st.get(0).changedOuts()).containsExactly(Map.entry("data/processed", "modified"));
    StageStatus train = st.get(1);
    assertThat(train.changedDeps()).containsExactly(Map.entry("data/processed", "modified"),
        Map.entry("params.yaml", Map.of("train.hyperparameters", "modified")));
    assertThat(train.changedOuts()).containsExactly(Map.entry("models/model.pkl", "deleted"));
    assertThat(train.commandChanged()).isTrue();
    assertThat(train.mustRun()).isTrue();
    assertThat(StageStatus.toJson(st).get("train")).isEqualTo(List.of(
        Map.of("changed deps", train.changedDeps()), Map.of("changed outs", train.changedOuts()), "changed command"));
    // metrics.json is missing from the cache but has cache: false, so only its workspace hash counts
    assertThat(st.get(2).changedOuts()).isEmpty();
    assertThat(StageStatus.render(st)).isEqualTo("""
        process:
        \tchanged outs:
        \t\tmodified:           data/processed
        train:
        \tchanged deps:
        \t\tmodified:           data/processed
        \t\tparams.yaml:
        \t\t\tmodified:           train.hyperparameters
        \tchanged outs:
        \t\tdeleted:            models/model.pkl
        \tchanged command
        evaluate:
        \tchanged deps:
        \t\tmodified:           data/processed
        \t\tdeleted:            models/model.pkl
        """);
  }

  @Test
  void notInCacheComesFirstForCachedOuts() throws Exception {
    Pipeline p = Fixtures.demo(root);
    FakeHashes h = LockFileTest.demoHashes(root);
    h.missingFromCache.add("fe6123a759017e4a2af4a2d19961ed71");
    h.missingFromCache.add("c4ca4238a0b923820dcc509a6f75849b");
    List<StageStatus> st = statusAll(p, h, demoLock());
    assertThat(st.get(1).changedOuts()).containsExactly(Map.entry("models/model.pkl", "not in cache"));
    assertThat(st.get(2).isEmpty()).isTrue();
  }

  @Test
  void paramsPythonEquality() throws Exception {
    write(root, "params.yaml", "a: 1.0\nb: true\nc: [1, 2.0]\nd: {x: 1}\ne: 2\nnew: 1\n");
    Pipeline p = parse(root, "stages:\n  s:\n    cmd: run\n    params: [a, b, c, d, e, gone, new]\n    outs: [o]\n");
    LockFile lock = LockFile.parse("""
        schema: '2.0'
        stages:
          s:
            cmd: run
            params:
              params.yaml:
                a: 1
                b: 1
                c: [1.0, 2]
                d: {x: 1.0}
                e: 3
                gone: 1
            outs:
            - path: o
              hash: md5
              md5: c4ca4238a0b923820dcc509a6f75849b
              size: 1
        """, "dvc.lock");
    FakeHashes h = new FakeHashes(root).put("o", EntryHash.md5("c4ca4238a0b923820dcc509a6f75849b", 1));
    StageStatus s = statusAll(p, h, lock).get(0);
    assertThat(s.changedDeps()).containsExactly(Map.entry("params.yaml",
        Map.of("e", "modified", "gone", "deleted", "new", "new")));
    @SuppressWarnings("unchecked")
    Map<String, String> keys = (Map<String, String>) s.changedDeps().get("params.yaml");
    assertThat(keys.keySet()).containsExactly("e", "gone", "new");
  }

  @Test
  void paramsFileDeletedOrNotLocked() throws Exception {
    write(root, "params.yaml", "a: 1\n");
    Pipeline p = parse(root, "stages:\n  s:\n    cmd: run\n    params: [a, {other.yaml: [b]}]\n");
    LockFile lock = LockFile.parse("schema: '2.0'\nstages:\n  s:\n    cmd: run\n", "dvc.lock");
    StageStatus s = statusAll(p, new FakeHashes(root), lock).get(0);
    assertThat(s.changedDeps()).containsExactly(Map.entry("params.yaml", "new"), Map.entry("other.yaml", "deleted"));
  }

  @Test
  void wholeFileParams() throws Exception {
    write(root, "conf.json", "{\"x\": 1, \"y\": 2}");
    Pipeline p = parse(root, "stages:\n  s:\n    cmd: run\n    params:\n    - conf.json:\n");
    LockFile lock = LockFile.parse("schema: '2.0'\nstages:\n  s:\n    cmd: run\n    params:\n      conf.json:\n"
        + "        x: 1\n        z: 3\n", "dvc.lock");
    StageStatus s = statusAll(p, new FakeHashes(root), lock).get(0);
    assertThat(s.changedDeps()).containsExactly(Map.entry("conf.json", Map.of("y", "new", "z", "deleted")));
  }

  @Test
  void alwaysChangedCallbackAndFrozen() throws Exception {
    Pipeline p = parse(root, """
        stages:
          always:
            cmd: date
            deps: [in]
            always_changed: true
          callback:
            cmd: echo hi
          frozen:
            cmd: x
            deps: [in]
            outs: [out]
            frozen: true
        """);
    FakeHashes h = new FakeHashes(root).put("in", EntryHash.md5("c4ca4238a0b923820dcc509a6f75849b", 1))
        .put("out", EntryHash.md5("c81e728d9d4c2f636f067f89cc14862c", 1));
    LockFile lock = LockFile.parse("""
        schema: '2.0'
        stages:
          always:
            cmd: date
            deps:
            - path: in
              hash: md5
              md5: c4ca4238a0b923820dcc509a6f75849b
          callback:
            cmd: echo hi
          frozen:
            cmd: x
            deps:
            - path: in
              hash: md5
              md5: 00000000000000000000000000000000
            outs:
            - path: out
              hash: md5
              md5: c81e728d9d4c2f636f067f89cc14862c
        """, "dvc.lock");
    List<StageStatus> st = statusAll(p, h, lock);
    assertThat(st.get(0).toJson()).containsExactly("always changed");
    assertThat(st.get(0).mustRun()).isTrue();
    assertThat(st.get(1).toJson()).containsExactly("always changed");
    assertThat(st.get(2).isEmpty()).isTrue();
    assertThat(st.get(2).mustRun()).isFalse();
    h.files.remove("out");
    StageStatus frozen = statusAll(p, h, lock).get(2);
    assertThat(frozen.changedOuts()).containsEntry("out", "deleted");
    assertThat(frozen.mustRun()).isTrue();
  }

  @Test
  void stageWithoutLockEntry() throws Exception {
    Pipeline p = Fixtures.demo(root);
    StageStatus s = statusAll(p, LockFileTest.demoHashes(root), LockFile.empty()).get(0);
    assertThat(s.changedDeps()).containsExactly(Map.entry("src/process.py", "modified"),
        Map.entry("data/winequality-red.csv", "modified"), Map.entry("params.yaml", "new"));
    assertThat(s.changedOuts()).containsExactly(Map.entry("data/processed", "modified"));
    assertThat(s.commandChanged()).isFalse();
    assertThat(s.mustRun()).isTrue();
  }

  @Test
  void legacyEntriesAreHashedWithTheLegacyAlgorithm() throws Exception {
    Pipeline p = parse(root, "stages:\n  s:\n    cmd: run\n    deps: [in]\n");
    LockFile lock = LockFile.parse("schema: '2.0'\nstages:\n  s:\n    cmd: run\n    deps:\n    - path: in\n"
        + "      md5: d3b07384d113edec49eaa6238ad5ff00\n", "dvc.lock");
    HashProvider h = new HashProvider() {
      @Override
      public EntryHash hash(Path path, boolean legacy) {
        return EntryHash.md5(legacy ? "d3b07384d113edec49eaa6238ad5ff00" : "2145971cf82058b108229a3a2e3bff35", 5);
      }

      @Override
      public boolean inCache(EntryHash hash, boolean legacy) {
        return true;
      }
    };
    StageStatus s = new StatusChecker(root, h, ParamsSource.FILES).status(p.stages().get(0),
        lock.entry("s").orElseThrow());
    assertThat(s.isEmpty()).isTrue();
  }

  @Test
  void currentEntryAndRunCacheEligibility() throws Exception {
    Pipeline p = Fixtures.demo(root);
    StatusChecker c = new StatusChecker(root, LockFileTest.demoHashes(root), ParamsSource.FILES);
    Stage train = p.stage("train").orElseThrow();
    LockEntry before = c.currentEntry(train, false);
    LockEntry after = c.currentEntry(train, true);
    assertThat(RunCache.key(before)).isEqualTo(RunCache.key(after));
    assertThat(RunCache.eligible(train, after)).isTrue();
    assertThat(RunCache.shouldSave(train)).isTrue();
    Stage eval = p.stage("evaluate").orElseThrow();
    assertThat(RunCache.shouldSave(eval)).isTrue();
    Pipeline q = parse(root, """
        stages:
          persist:
            cmd: x
            deps: [src/train.py]
            outs:
            - o:
                persist: true
          nocache:
            cmd: x
            deps: [src/train.py]
            outs:
            - o2:
                cache: false
          always:
            cmd: x
            deps: [src/train.py]
            outs: [o3]
            always_changed: true
          noouts:
            cmd: x
            deps: [src/train.py]
        """);
    FakeHashes h = LockFileTest.demoHashes(root);
    h.put("o", EntryHash.md5("c4ca4238a0b923820dcc509a6f75849b", 1))
        .put("o2", EntryHash.md5("c4ca4238a0b923820dcc509a6f75849b", 1))
        .put("o3", EntryHash.md5("c4ca4238a0b923820dcc509a6f75849b", 1));
    StatusChecker qc = new StatusChecker(root, h, ParamsSource.FILES);
    for (Stage s : q.stages()) {
      LockEntry e = qc.currentEntry(s, false);
      assertThat(RunCache.eligible(s, e)).as(s.name()).isEqualTo(s.name().equals("nocache"));
    }
    assertThat(RunCache.shouldSave(q.stage("nocache").orElseThrow())).isFalse();
  }

  @Test
  void currentEntryFailures() throws Exception {
    write(root, "params.yaml", "a: 1\n");
    Pipeline p = parse(root, "stages:\n  s:\n    cmd: run\n    deps: [in]\n    params: [a, b]\n");
    StatusChecker c = new StatusChecker(root, new FakeHashes(root).put("in", EntryHash.md5("x", 1)), ParamsSource.FILES);
    assertThatThrownBy(() -> c.currentEntry(p.stages().get(0), true)).isInstanceOf(CairnException.class)
        .hasMessage("stage 's': params: parameters 'b' are missing from 'params.yaml'");
    StatusChecker c2 = new StatusChecker(root, new FakeHashes(root), ParamsSource.FILES);
    assertThatThrownBy(() -> c2.currentEntry(p.stages().get(0), true))
        .hasMessage("Stage 's': dependency 'in' does not exist");
  }

  @Test
  void pythonEquality() {
    assertThat(PyEquality.eq(1L, 1.0)).isTrue();
    assertThat(PyEquality.eq(true, 1L)).isTrue();
    assertThat(PyEquality.eq(false, 0.0)).isTrue();
    assertThat(PyEquality.eq(List.of(1L, "a"), List.of(1.0, "a"))).isTrue();
    assertThat(PyEquality.eq("1", 1L)).isFalse();
    assertThat(PyEquality.eq(null, null)).isTrue();
    assertThat(PyEquality.eq(Map.of("a", 1L), Map.of("a", true))).isTrue();
    assertThat(PyEquality.eq(0.1, 0.1000001)).isFalse();
    assertThat(PyEquality.eq(Double.NaN, Double.NaN)).isFalse();
    assertThat(PyEquality.eq(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
  }
}
