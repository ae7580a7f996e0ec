package dev.cairn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a registry: resolving paths, bringing data into a cache, chained imports, failures. */
class RegistryTest {
  @TempDir
  Path tmp;

  RegistryFixture registry() throws Exception {
    RegistryFixture r = new RegistryFixture(tmp.resolve("registry"), tmp.resolve("remote"));
    r.write("README.md", "readme\n");
    r.write("data/notes.txt", "notes\n");
    r.write("data/train.csv", "a,b\n1,2\n");
    r.write("data/images/1.png", "img1");
    r.write("data/images/sub/2.png", "img2");
    r.add("data/train.csv", "data/images");
    r.push();
    r.commit("v1");
    r.tag("v1");
    // the workspace copies and the registry's cache go: everything must come from the remote
    deleteTree(r.root.resolve(".dvc/cache"));
    return r;
  }

  @Test
  void pathsResolveToOutputsPartsOfThemGitFilesAndMixedDirectories() throws Exception {
    try (RegistryFixture r = registry(); Registry reg = new Registry(r.env)) {
      SourceRepo src = reg.open(r.root.toString(), tmp, "v1", true);
      SourceTree t = src.tree();
      assertThat(t.resolve("data/train.csv")).isInstanceOf(SourceTree.WholeOutput.class);
      assertThat(t.resolve("./data/images/")).isInstanceOf(SourceTree.WholeOutput.class);
      assertThat(t.resolve("data/images/sub/2.png")).isEqualTo(new SourceTree.InOutput(
          t.outputs().get("data/images"), "sub/2.png"));
      assertThat(t.resolve("README.md")).isInstanceOf(SourceTree.GitFile.class);
      assertThat(t.resolve("data/train.csv.dvc")).as("DVC files are not data").isNull();
      assertThat(t.resolve(".dvc/config")).isNull();
      assertThat(t.resolve("nope")).isNull();
      assertThat(t.resolve("../outside")).isNull();
      SourceTree.Directory d = (SourceTree.Directory) t.resolve("data");
      assertThat(d.files()).extracting(SourceTree.GitFile::path).containsExactly("data/.gitignore", "data/notes.txt");
      assertThat(d.outputs()).extracting(SourceTree.SourceOutput::path).containsExactly("data/images",
          "data/train.csv");
    }
  }

  @Test
  void aMixedDirectoryBecomesOneTreeOfGitFilesAndOutputFiles() throws Exception {
    try (RegistryFixture r = registry(); Registry reg = new Registry(r.env)) {
      SourceRepo src = reg.open(r.root.toString(), tmp, null, true);
      ObjectDb odb = new ObjectDb(tmp.resolve("cache"), false);
      Materialized m = reg.materialize(src, src.tree().resolve("data"), odb, null, null);
      Manifest manifest = odb.readManifest(m.hash());
      assertThat(manifest.entries()).extracting(Manifest.Entry::relpath).containsExactly(".gitignore",
          "images/1.png", "images/sub/2.png", "notes.txt", "train.csv");
      assertThat(m.nfiles()).isEqualTo(5);
      for (Manifest.Entry e : manifest.entries()) {
        assertThat(odb.verify(HashInfo.md5(e.md5()))).isTrue();
      }
      Materialized sub = reg.materialize(src, src.tree().resolve("data/images/sub"), odb, null, null);
      assertThat(odb.readManifest(sub.hash()).entries()).containsExactly(new Manifest.Entry("2.png",
          "fe5067706fde605fcc635835a1e52fc8"));
      Materialized one = reg.materialize(src, src.tree().resolve("data/images/1.png"), odb, null, null);
      assertThat(one.hash().value()).isEqualTo("a8a63b4d63a08aed720d0f5f249e07d9");
      assertThat(one.size()).isEqualTo(4);
    }
  }

  @Test
  void listingShowsGitAndDvcEntriesTogether() throws Exception {
    try (RegistryFixture r = registry(); Registry reg = new Registry(r.env)) {
      SourceRepo src = reg.open(r.root.toString(), tmp, "v1", true);
      ObjectDb odb = new ObjectDb(tmp.resolve("cache"), false);
      SourceTree.Manifests manifests = o -> {
        try {
          return reg.manifest(src, o, odb, null, null);
        } catch (CairnException e) {
          throw new java.io.IOException(e);
        }
      };
      assertThat(src.tree().list("", false, false, manifests)).extracting(SourceTree.Entry::path)
          .containsExactly(".dvcignore", "README.md", "data");
      List<SourceTree.Entry> data = src.tree().list("data", false, false, manifests);
      assertThat(data).extracting(SourceTree.Entry::path).containsExactly(".gitignore", "images", "images.dvc",
          "notes.txt", "train.csv", "train.csv.dvc");
      assertThat(data.get(1)).isEqualTo(new SourceTree.Entry("images", true, true, false, 8L,
          src.tree().outputs().get("data/images").hash().value()));
      assertThat(src.tree().list("data", true, true, manifests)).extracting(SourceTree.Entry::path)
          .containsExactly("images/1.png", "images/sub/2.png", "train.csv");
      assertThat(src.tree().list("data/images", false, false, manifests)).extracting(SourceTree.Entry::path)
          .containsExactly("1.png", "sub");
      assertThat(src.tree().list("missing", false, false, manifests)).isNull();
    }
  }

  @Test
  void aCorruptObjectOnTheRemoteIsRefusedAndNothingEntersTheCache() throws Exception {
    try (RegistryFixture r = registry(); Registry reg = new Registry(r.env)) {
      Path object = r.remote.resolve("files/md5/e5/ebd4c02cefbe7955977c67ada242b7");
      assertThat(object).exists();
      object.toFile().setWritable(true);
      Files.writeString(object, "a,b\n6,6\n", StandardCharsets.UTF_8);
      SourceRepo src = reg.open(r.root.toString(), tmp, "v1", true);
      ObjectDb odb = new ObjectDb(tmp.resolve("cache"), false);
      reg.setTransferOptions(new dev.cairn.transfer.TransferOptions(2, dev.cairn.retry.RetryPolicy.jittered(2, 1, 2,
          d -> { })));
      assertThatThrownBy(() -> reg.materialize(src, src.tree().resolve("data/train.csv"), odb, null, null))
          .isInstanceOf(CairnException.class).hasMessageContaining("data/train.csv")
          .hasMessageContaining("corrupt on remote 'storage'");
      assertThat(odb.exists(HashInfo.md5("e5ebd4c02cefbe7955977c67ada242b7"))).isFalse();
    }
  }

  @Test
  void unknownRevisionsAndMissingRepositoriesAreInvalidInput() throws Exception {
    try (RegistryFixture r = registry(); Registry reg = new Registry(r.env)) {
      assertThatThrownBy(() -> reg.open(r.root.toString(), tmp, "v9", true)).isInstanceOfSatisfying(
          CairnException.class, e -> {
            assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
            assertThat(e).hasMessageContaining("Unknown revision 'v9'");
          });
      assertThatThrownBy(() -> reg.open(tmp.resolve("nowhere").toString(), tmp, null, true))
          .isInstanceOfSatisfying(CairnException.class,
              e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT));
    }
  }

  @Test
  void aChainedImportIsReadFromTheUpstreamRemoteWithoutTheMiddleRepositorysData() throws Exception {
    try (RegistryFixture a = registry();
        RegistryFixture b = new RegistryFixture(tmp.resolve("middle"), null)) {
      try (Cairn c = Cairn.open(b.root, b.env)) {
        c.importRepo(a.root.toString(), "data/images").setCloneCache(tmp.resolve("clones")).call();
      }
      b.commit("import images");
      deleteTree(b.root.resolve(".dvc/cache"));
      deleteTree(b.root.resolve("images"));
      try (Registry reg = new Registry(b.env)) {
        SourceRepo src = reg.open(b.root.toString(), tmp, null, true);
        SourceTree.Target t = src.tree().resolve("images");
        assertThat(((SourceTree.WholeOutput) t).out().upstream()).isNotNull();
        ObjectDb odb = new ObjectDb(tmp.resolve("cache"), false);
        Materialized m = reg.materialize(src, t, odb, null, null);
        assertThat(m.hash()).isEqualTo(((SourceTree.WholeOutput) t).out().hash());
        assertThat(odb.readManifest(m.hash()).entries()).hasSize(2);
        assertThat(Files.exists(b.root.resolve(".dvc/cache"))).isFalse();
      }
    }
  }

  static void deleteTree(Path p) throws java.io.IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        q.toFile().setWritable(true);
        Files.delete(q);
      }
    }
  }

}
