package dev.cairn.revision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.EntryHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a revision records, read once for the report, the cache reader and {@code exp show}: the
 * outputs of {@code .dvc} files and lock entries with their hashes and meta, how a stage declares
 * each (kind, {@code cache}), and the deps of stages, paths through {@code wdir}.
 */
class RecordedOutputsTest {
  static final String DIR = "5ea40360f5b4ec688df672a4db9c17d1.dir";
  static final String FOO = "acbd18db4cc2f85cedef654fccc4a4d8";
  static final String BAR = "37b51d194a7513e45b56f6524f2d51f2";
  static final String BAZ = "73feffa4b7f6bb68e44cf984c85f6e88";

  @TempDir
  Path root;

  void write(String path, String text) throws Exception {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void readsDvcFilesAndLockEntriesWithTheirMeta() throws Exception {
    write("data/raw.dvc", "outs:\n- md5: " + DIR + "\n  size: 6\n  nfiles: 2\n  hash: md5\n  path: raw\n");
    write("old.dvc", "outs:\n- md5: " + FOO + "\n  size: 3\n  path: old.bin\n  cache: false\n");
    write("sub/dvc.yaml", "stages:\n  train:\n    wdir: work\n    cmd: run\n    deps:\n    - in.txt\n"
        + "    outs:\n    - model.bin\n    - scratch.bin:\n        cache: false\n    metrics:\n    - m.json:\n"
        + "        cache: false\n    plots:\n    - p.csv\n");
    write("sub/dvc.lock", "schema: '2.0'\nstages:\n  train:\n    cmd: run\n    deps:\n    - path: in.txt\n"
        + "      hash: md5\n      md5: " + BAR + "\n      size: 3\n    outs:\n    - path: m.json\n      hash: md5\n"
        + "      md5: " + BAZ + "\n      size: 3\n    - path: model.bin\n      hash: md5\n      md5: " + FOO + "\n"
        + "      size: 3\n      isexec: true\n    - path: p.csv\n      hash: md5\n      md5: " + BAR + "\n      size: 3\n"
        + "    - path: scratch.bin\n      hash: md5\n      md5: " + BAZ + "\n      size: 3\n");

    RecordedOutputs.Recorded r = RecordedOutputs.read(new WorkspaceFiles(root));

    assertThat(r.outs()).containsOnlyKeys("data/raw", "old.bin", "sub/work/m.json", "sub/work/model.bin",
        "sub/work/p.csv", "sub/work/scratch.bin");
    assertThat(r.outs().get("data/raw")).isEqualTo(new RecordedOutputs.Out(
        new EntryHash("md5", DIR, 6L, 2L, false, Map.of()), false, true, RecordedOutputs.Kind.DATA));
    assertThat(r.outs().get("old.bin")).isEqualTo(new RecordedOutputs.Out(EntryHash.md5(FOO, 3), true, false,
        RecordedOutputs.Kind.DATA));
    assertThat(r.outs().get("sub/work/model.bin")).isEqualTo(new RecordedOutputs.Out(EntryHash.file(FOO, 3, true),
        false, true, RecordedOutputs.Kind.OUT));
    assertThat(r.outs().get("sub/work/scratch.bin").cache()).isFalse();
    assertThat(r.outs().get("sub/work/m.json").kind()).isEqualTo(RecordedOutputs.Kind.METRIC);
    assertThat(r.outs().get("sub/work/m.json").cache()).isFalse();
    assertThat(r.outs().get("sub/work/p.csv").kind()).isEqualTo(RecordedOutputs.Kind.PLOT);
    assertThat(r.deps()).containsExactly(Map.entry("sub/work/in.txt", EntryHash.md5(BAR, 3)));

    // the report's view: directories end with '/', values as strings
    Map<String, RecordedOutputs.Out> of = RecordedOutputs.of(new WorkspaceFiles(root));
    assertThat(of).containsKey("data/raw/").doesNotContainKey("data/raw");
    assertThat(of.get("data/raw/").value()).isEqualTo(DIR);
    assertThat(of.get("data/raw/").size()).isEqualTo(6);
  }

  @Test
  void anUnreadableDvcYamlLeavesLockOutputsPlainOutputsBesideTheLock() throws Exception {
    write("dvc.yaml", "stages:\n  train:\n    wdir: w\n    cmd: run\n    colour: red\n");
    write("dvc.lock", "schema: '2.0'\nstages:\n  train:\n    cmd: run\n    outs:\n    - path: out\n      md5: " + FOO
        + "\n");
    write("none.dvc", "outs:\n- path: nothing\n");

    RecordedOutputs.Recorded r = RecordedOutputs.read(new WorkspaceFiles(root));

    assertThat(r.outs()).containsOnlyKeys("out", "nothing");
    assertThat(r.outs().get("out")).isEqualTo(new RecordedOutputs.Out(new EntryHash("md5", FOO, null, null, false,
        Map.of()), true, true, RecordedOutputs.Kind.OUT));
    assertThat(r.outs().get("nothing").hash()).isNull();
    assertThat(r.outs().get("nothing").value()).isEmpty();
    assertThat(r.outs().get("nothing").size()).isEqualTo(-1);
  }
}
