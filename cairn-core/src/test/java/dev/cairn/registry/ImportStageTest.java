package dev.cairn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.format.YamlWriter;
import dev.cairn.hash.HashInfo;
import dev.cairn.transfer.TransferResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code .dvc} files of imports, byte for byte. The stage md5s were computed independently,
 * with Python's {@code hashlib.md5(json.dumps(d, sort_keys=True))} over DVC's dump minus the
 * excluded keys; the {@code import-url} text and its md5 are DVC's own ({@code
 * dvc/testing/workspace_tests.py}, vector S1 of dvc-format.md).
 */
class ImportStageTest {
  static final String LOCK_A = "0123456789abcdef0123456789abcdef01234567";
  static final String LOCK_B = "fedcba9876543210fedcba9876543210fedcba98";

  static Materialized file(String md5, long size) {
    return new Materialized(HashInfo.md5(md5), size, -1, false, TransferResult.empty());
  }

  @Test
  void repoImportOfAFileAtARevision() {
    RepoDep dep = new RepoDep("data/train.csv", "../registry.git", "v1", LOCK_A, null, null);
    String text = YamlWriter.write(ImportStage.create(dep.toMap(), "train.csv",
        file("e5ebd4c02cefbe7955977c67ada242b7", 8), true));
    assertThat(text).isEqualTo("""
        md5: bbbc28e0bf9daa9205441a133e2744b9
        frozen: true
        deps:
        - path: data/train.csv
          repo:
            url: ../registry.git
            rev: v1
            rev_lock: 0123456789abcdef0123456789abcdef01234567
        outs:
        - md5: e5ebd4c02cefbe7955977c67ada242b7
          size: 8
          hash: md5
          path: train.csv
        """);
  }

  @Test
  void repoImportOfADirectoryOnTheDefaultBranch() {
    RepoDep dep = new RepoDep("data/images", "https://example.com/org/registry", null, LOCK_B, null, null);
    Materialized dir = new Materialized(HashInfo.md5("19330f22f242660aab21920b0f2c4707.dir"), 8, 2, false,
        TransferResult.empty());
    assertThat(YamlWriter.write(ImportStage.create(dep.toMap(), "images", dir, true))).isEqualTo("""
        md5: b0b6678b97f52e70a2a9511dfd198b3e
        frozen: true
        deps:
        - path: data/images
          repo:
            url: https://example.com/org/registry
            rev_lock: fedcba9876543210fedcba9876543210fedcba98
        outs:
        - md5: 19330f22f242660aab21920b0f2c4707.dir
          size: 8
          nfiles: 2
          hash: md5
          path: images
        """);
  }

  @Test
  void noDownloadRecordsTheCommitButNoHash() {
    RepoDep dep = new RepoDep("data/train.csv", "../registry.git", "v1", LOCK_A, null, null);
    assertThat(YamlWriter.write(ImportStage.create(dep.toMap(), "train.csv", null, true))).isEqualTo("""
        md5: e1aac5de3f0298b05f573bd9e0a12665
        frozen: true
        deps:
        - path: data/train.csv
          repo:
            url: ../registry.git
            rev: v1
            rev_lock: 0123456789abcdef0123456789abcdef01234567
        outs:
        - hash: md5
          path: train.csv
        """);
  }

  @Test
  void noExecRecordsNeitherTheCommitNorTheStageMd5() {
    RepoDep dep = new RepoDep("data/train.csv", "../registry.git", null, null, null, "backup");
    assertThat(YamlWriter.write(ImportStage.create(dep.toMap(), "train.csv", null, false))).isEqualTo("""
        frozen: true
        deps:
        - path: data/train.csv
          repo:
            url: ../registry.git
            remote: backup
        outs:
        - hash: md5
          path: train.csv
        """);
  }

  @Test
  void importUrlOfADirectoryIsDvcsOwnText() {
    Map<String, Object> dep = new LinkedHashMap<>();
    dep.put("md5", "b6dcab6ccd17ca0a8bf4a215a37d14cc.dir");
    dep.put("size", 11L);
    dep.put("nfiles", 2);
    dep.put("hash", "md5");
    dep.put("path", "remote://workspace/dir");
    Materialized dir = new Materialized(HashInfo.md5("b6dcab6ccd17ca0a8bf4a215a37d14cc.dir"), 11, 2, false,
        TransferResult.empty());
    assertThat(YamlWriter.write(ImportStage.create(dep, "dir", dir, true))).isEqualTo(
        "md5: 7033ee831f78a4dfec2fc71405516067\n"
            + "frozen: true\n"
            + "deps:\n"
            + "- md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir\n"
            + "  size: 11\n"
            + "  nfiles: 2\n"
            + "  hash: md5\n"
            + "  path: remote://workspace/dir\n"
            + "outs:\n"
            + "- md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir\n"
            + "  size: 11\n"
            + "  nfiles: 2\n"
            + "  hash: md5\n"
            + "  path: dir\n");
  }

  @Test
  void updatingKeepsTheKeyOrderAndRecomputesTheMd5() {
    RepoDep dep = new RepoDep("data/train.csv", "../registry.git", "v1", LOCK_A, null, null);
    Map<String, Object> file = ImportStage.create(dep.toMap(), "train.csv", null, true);
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) ((java.util.List<?>) file.get("outs")).get(0);
    ImportStage.setData(out, file("e5ebd4c02cefbe7955977c67ada242b7", 8));
    ImportStage.refreshMd5(file);
    assertThat(out.keySet()).containsExactly("md5", "size", "hash", "path");
    assertThat(file.get("md5")).isEqualTo("bbbc28e0bf9daa9205441a133e2744b9");
    ImportStage.setData(out, null);
    assertThat(out.keySet()).containsExactly("hash", "path");
  }

  @Test
  void repoDepReadsWhatDvcWritesAndRefusesInlineRemoteConfig() {
    Map<String, Object> m = new RepoDep("p", "u", "main", LOCK_A, "conf", "r").toMap();
    assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) m.get("repo")).keySet())).containsExactly("url", "rev", "rev_lock", "config", "remote");
    assertThat(RepoDep.of(m)).isEqualTo(new RepoDep("p", "u", "main", LOCK_A, "conf", "r"));
    assertThat(RepoDep.of(Map.of("path", "x"))).isNull();
    assertThat(RepoDep.of(m).label()).isEqualTo("p (u)");
    Map<String, Object> inline = new LinkedHashMap<>(Map.of("path", "p", "repo",
        Map.of("url", "u", "remote", Map.of("secret_access_key", "s"))));
    assertThatThrownBy(() -> RepoDep.of(inline)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repo.remote").hasMessageNotContaining("secret_access_key");
  }

  @Test
  void treeHashOfCloudChecksumsIsDvcsVectorD35() {
    Map<String, String> etags = new LinkedHashMap<>();
    etags.put("foo", "acbd18db4cc2f85cedef654fccc4a4d8");
    etags.put("bar", "acbd18db4cc2f85cedef654fccc4a4d8");
    assertThat(UrlSource.treeHash("etag", etags)).isEqualTo("77e8000f532886eef8ee1feba82e9bad.dir");
  }
}
