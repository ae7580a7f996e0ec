package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.progress.NullProgressMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvcIgnoreTest {
  @TempDir
  Path root;

  @Test
  void gitignoreSemantics() throws Exception {
    Files.writeString(root.resolve(".dvcignore"), "# comment\n*.tmp\n/build/\nlogs\n!logs/keep.log\n");
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("sub/.dvcignore"), "local.txt\n");
    DvcIgnore ig = new DvcIgnore(root);
    assertThat(ig.isIgnored("a.tmp", false)).isTrue();
    assertThat(ig.isIgnored("deep/x/a.tmp", false)).isTrue();
    assertThat(ig.isIgnored("build", true)).isTrue();
    assertThat(ig.isIgnored("build/x.txt", false)).isTrue();
    assertThat(ig.isIgnored("sub/build", true)).isFalse();
    assertThat(ig.isIgnored("sub/local.txt", false)).isTrue();
    assertThat(ig.isIgnored("local.txt", false)).isFalse();
    assertThat(ig.isIgnored("a.txt", false)).isFalse();
    assertThat(ig.isIgnored(".git", true)).isTrue();
    assertThat(ig.isIgnored("x/.dvc", true)).isTrue();
  }

  @Test
  void ignoredFilesAreLeftOutOfDirectoryHashesAndDvcignoreInsideIsRefused() throws Exception {
    Path data = root.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("foo"), "foo");
    Files.writeString(data.resolve("bar"), "bar");
    Files.writeString(data.resolve("junk.tmp"), "junk");
    Files.writeString(root.resolve(".dvcignore"), "*.tmp\n");
    WorkspaceHasher h = new WorkspaceHasher(root, StateDb.disabled(), new DvcIgnore(root));
    assertThat(h.hashDir(data, NullProgressMonitor.INSTANCE).hash().value()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
    Files.writeString(data.resolve(".dvcignore"), "x\n");
    WorkspaceHasher h2 = new WorkspaceHasher(root, StateDb.disabled(), new DvcIgnore(root));
    assertThatThrownBy(() -> h2.hashDir(data, NullProgressMonitor.INSTANCE))
        .hasMessageContaining(".dvcignore file should not be in collected dir path");
  }

  @Test
  void symlinkedSubdirectoriesAreNotFollowed() throws Exception {
    Path data = root.resolve("data");
    Files.createDirectories(data.resolve("real"));
    Files.writeString(data.resolve("foo"), "foo");
    Files.writeString(data.resolve("real/bar"), "bar");
    Files.createSymbolicLink(data.resolve("link"), data.resolve("real"));
    WorkspaceHasher h = new WorkspaceHasher(root, StateDb.disabled(), new DvcIgnore(root));
    var ph = h.hashDir(data, NullProgressMonitor.INSTANCE);
    assertThat(ph.manifest().entries()).extracting(dev.cairn.odb.Manifest.Entry::relpath).containsExactly("foo", "real/bar");
  }
}
