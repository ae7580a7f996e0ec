package dev.cairn.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetafileMergeTest {
  private static final String H0 = "0".repeat(32);
  private static final String H1 = "1".repeat(32);
  private static final String H2 = "2".repeat(32);
  private static final String H3 = "3".repeat(32);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static MetafileMerge.Result merge(String path, String base, String ours, String theirs) throws Exception {
    return MetafileMerge.merge(path, b(base), b(ours), b(theirs), null);
  }

  private static String text(MetafileMerge.Result r) {
    return new String(r.merged(), StandardCharsets.UTF_8);
  }

  /** A .dvc file with outputs given as path=md5. */
  private static String dvc(String... outs) {
    StringBuilder sb = new StringBuilder("outs:\n");
    for (String o : outs) {
      String[] pm = o.split("=");
      sb.append("- md5: ").append(pm[1]).append("\n  size: 3\n  hash: md5\n  path: ").append(pm[0]).append('\n');
    }
    return sb.toString();
  }

  private static String entry(String relpath, String md5) {
    return "{\"md5\": \"" + md5 + "\", \"relpath\": \"" + relpath + "\"}";
  }

  @Test
  void kindsByName() {
    assertThat(MetafileMerge.Kind.of("sub/dvc.lock")).isEqualTo(MetafileMerge.Kind.LOCK);
    assertThat(MetafileMerge.Kind.of("data.dvc")).isEqualTo(MetafileMerge.Kind.DVC_FILE);
    assertThat(MetafileMerge.Kind.of(".dvc/cache/files/md5/ab/cd.dir")).isEqualTo(MetafileMerge.Kind.DIR_MANIFEST);
    assertThat(MetafileMerge.Kind.of("dvc.yaml")).isNull();
  }

  @Test
  void dvcFileOutputsMergeByPathInDvcsFormat() throws Exception {
    MetafileMerge.Result r = merge("x.dvc", dvc("a=" + H0, "b=" + H0), dvc("a=" + H1, "b=" + H0),
        dvc("a=" + H0, "b=" + H2, "c=" + H3));
    assertThat(r.conflicts()).isEmpty();
    assertThat(text(r)).isEqualTo(dvc("a=" + H1, "b=" + H2, "c=" + H3));
  }

  @Test
  void theSameOutputChangedOnBothSidesIsAConflictWithBothHashes() throws Exception {
    MetafileMerge.Result r = merge("x.dvc", dvc("a=" + H0), dvc("a=" + H1), dvc("a=" + H2));
    assertThat(r.merged()).isNull();
    assertThat(r.conflicts()).containsExactly("x.dvc: output 'a' changed on both sides: " + H1 + " (ours) vs " + H2
        + " (theirs)");
  }

  @Test
  void theSameChangeOnBothSidesIsKeptOnce() throws Exception {
    MetafileMerge.Result r = merge("x.dvc", dvc("a=" + H0, "b=" + H0), dvc("a=" + H1, "b=" + H2),
        dvc("a=" + H1, "b=" + H0));
    assertThat(text(r)).isEqualTo(dvc("a=" + H1, "b=" + H2));
  }

  @Test
  void dirManifestsMergeByRelpathSortedAsDvcWritesThem() throws Exception {
    MetafileMerge.Result r = merge("ab/cd.dir", "[" + entry("b", H0) + "]",
        "[" + entry("b", H1) + ", " + entry("c", H3) + "]", "[" + entry("a", H2) + ", " + entry("b", H0) + "]");
    assertThat(r.clean()).isTrue();
    assertThat(text(r)).isEqualTo("[" + String.join(", ", List.of(entry("a", H2), entry("b", H1), entry("c", H3))) + "]");
  }

  @Test
  void aDeletionOnOneSideAndAChangeOnTheOtherIsAConflict() throws Exception {
    assertThat(merge("ab/cd.dir", "[" + entry("a", H0) + "]", "[]", "[" + entry("a", H2) + "]").conflicts())
        .containsExactly("ab/cd.dir: file 'a' changed on both sides: deleted (ours) vs " + H2 + " (theirs)");
  }

  @Test
  void lockStagesMergeByNameAndAConflictNamesTheOutputs() throws Exception {
    String base = "schema: '2.0'\nstages:\n  s:\n    cmd: x\n    outs:\n    - path: m\n      hash: md5\n      md5: " + H0 + "\n";
    String ours = base.replace(H0, H1);
    String added = "  t:\n    cmd: y\n";
    assertThat(text(merge("dvc.lock", base, ours, base + added))).isEqualTo(ours + added);
    assertThat(merge("dvc.lock", base, ours, base.replace(H0, H2) + added).conflicts())
        .containsExactly("dvc.lock: stage 's' changed on both sides: m " + H1 + " (ours) vs m " + H2 + " (theirs)");
  }
}
