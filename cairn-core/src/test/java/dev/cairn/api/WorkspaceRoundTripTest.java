package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceRoundTripTest {
  @TempDir
  Path tmp;
  Path root;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    root = tmp.resolve("repo");
    Files.createDirectories(root);
    env = new HashMap<>();
    env.put("HOME", tmp.resolve("home").toString());
    env.put("DVC_SYSTEM_CONFIG_DIR", tmp.resolve("sys").toString());
    Cairn.init(root).setNoScm(true).call();
  }

  Cairn open() throws CairnException {
    return Cairn.open(root, env);
  }

  void write(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"copy", "hardlink", "symlink", "reflink,copy", "reflink,hardlink,copy"})
  void addDeleteCheckoutRestoresIdenticalBytes(String cacheType) throws Exception {
    Files.writeString(root.resolve(".dvc/config"), "[cache]\n    type = \"" + cacheType + "\"\n");
    write("data/foo", "foo");
    write("data/bar", "bar");
    write("data/subdir/data", "data");
    write("model.bin", "something");
    try (Cairn c = open()) {
      var r = c.add().addPath(Path.of("data")).addPath(Path.of("model.bin")).call();
      assertThat(r.added()).extracting(AddCommand.Added::md5)
          .containsExactly("8761c4e9acad696bee718615e23e22db.dir", "437b930db84b8079c2dd804a71936b5f");
    }
    assertThat(Files.readString(root.resolve("data.dvc"))).isEqualTo(
        "outs:\n- md5: 8761c4e9acad696bee718615e23e22db.dir\n  size: 10\n  nfiles: 3\n  hash: md5\n  path: data\n");
    Path obj = root.resolve(".dvc/cache/files/md5/43/7b930db84b8079c2dd804a71936b5f");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(obj))).isEqualTo("r--r--r--");
    if (cacheType.startsWith("symlink")) {
      assertThat(Files.isSymbolicLink(root.resolve("model.bin"))).isTrue();
    } else if (cacheType.contains("hardlink") && !cacheType.startsWith("reflink,copy")) {
      assertThat(Files.isSameFile(root.resolve("model.bin"), obj)).isTrue();
    }
    InitCommand.deleteTree(root.resolve("data"));
    Files.delete(root.resolve("model.bin"));
    try (Cairn c = open()) {
      var st = c.status().call();
      assertThat(st.changes()).containsOnlyKeys("data.dvc", "model.bin.dvc");
      c.checkout().call();
    }
    assertThat(Files.readString(root.resolve("data/foo"))).isEqualTo("foo");
    assertThat(Files.readString(root.resolve("data/subdir/data"))).isEqualTo("data");
    assertThat(Files.readString(root.resolve("model.bin"))).isEqualTo("something");
    try (Cairn c = open()) {
      assertThat(c.status().call().isClean()).isTrue();
    }
  }

  @Test
  void statusReportsModifiedAndUntouchedTreeReadsNoContent() throws Exception {
    for (int i = 0; i < 200; i++) {
      write("big/f" + i, "content " + i);
    }
    try (Cairn c = open()) {
      c.add().addPath(Path.of("big")).call();
    }
    try (Cairn c = open()) {
      var st = c.status().call();
      assertThat(st.isClean()).isTrue();
      assertThat(st.hashedBytes()).isZero();
      assertThat(st.stateHits()).isGreaterThanOrEqualTo(200);
    }
    write("big/f7", "changed");
    try (Cairn c = open()) {
      var st = c.status().call();
      assertThat(st.changes()).isEqualTo(Map.of("big.dvc", List.of(Map.of("changed outs", Map.of("big", "modified")))));
      assertThat(st.hashedBytes()).isEqualTo("changed".length());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"copy", "hardlink", "symlink"})
  void checkoutRemembersWhatItWroteSoStatusReadsNothing(String cacheType) throws Exception {
    Files.writeString(root.resolve(".dvc/config"), "[cache]\n    type = \"" + cacheType + "\"\n");
    for (int i = 0; i < 100; i++) {
      write("tree/d" + (i % 3) + "/sub/f" + i, "content " + i);
    }
    write("one.bin", "one");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("tree")).addPath(Path.of("one.bin")).call();
    }
    InitCommand.deleteTree(root.resolve("tree"));
    Files.delete(root.resolve("one.bin"));
    try (Cairn c = open()) {
      c.checkout().call();
    }
    for (int i = 0; i < 100; i++) {
      assertThat(Files.readString(root.resolve("tree/d" + (i % 3) + "/sub/f" + i))).isEqualTo("content " + i);
    }
    if (cacheType.equals("copy")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("tree/d0/sub/f0"))))
          .isEqualTo("rw-r--r--");
    }
    try (var s = Files.walk(root.resolve("tree"))) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty(); // no temp file left
    }
    try (Cairn c = open()) {
      var st = c.status().call();
      assertThat(st.isClean()).isTrue();
      assertThat(st.hashedBytes()).isZero(); // the checkout recorded every file it wrote in the state
    }
    write("tree/d1/sub/f1", "changed"); // a file changed after the checkout is still seen
    try (Cairn c = open()) {
      assertThat(c.status().call().changes()).containsOnlyKeys("tree.dvc");
    }
  }

  @Test
  void checkoutRefusesToDiscardUncommittedChanges() throws Exception {
    write("data/a", "a");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("data")).call();
    }
    write("data/a", "precious");
    write("data/extra", "also precious");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.checkout().call()).isInstanceOf(CairnException.class)
          .hasMessageContaining("data/a").hasMessageContaining("--force");
    }
    assertThat(Files.readString(root.resolve("data/a"))).isEqualTo("precious");
    assertThat(root.resolve("data/extra")).exists();
    try (Cairn c = open()) {
      var ch = c.checkout().setForce(true).call();
      assertThat(ch.modified()).containsExactly("data/");
    }
    assertThat(Files.readString(root.resolve("data/a"))).isEqualTo("a");
    assertThat(root.resolve("data/extra")).doesNotExist();
  }

  @Test
  void manifestWithTraversalIsRefusedAndNothingIsWrittenOutside() throws Exception {
    String manifest = "[{\"md5\": \"acbd18db4cc2f85cedef654fccc4a4d8\", \"relpath\": \"../../escaped\"}]";
    String oid = dev.cairn.hash.Hashing.md5Hex(manifest.getBytes()) + ".dir";
    Path obj = root.resolve(".dvc/cache/files/md5/" + oid.substring(0, 2) + "/" + oid.substring(2));
    Files.createDirectories(obj.getParent());
    Files.writeString(obj, manifest);
    write("foo", "foo");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("foo")).call();
    }
    Files.writeString(root.resolve("evil.dvc"), "outs:\n- md5: " + oid + "\n  hash: md5\n  path: evil\n");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.checkout().addTarget(Path.of("evil.dvc")).call()).isInstanceOf(CairnException.class)
          .hasMessageContaining("unsafe relpath '../../escaped'")
          .extracting(e -> ((CairnException) e).kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
    }
    Files.writeString(root.resolve("abs.dvc"), "outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  hash: md5\n  path: ../outside\n");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.checkout().addTarget(Path.of("abs.dvc")).call())
          .isInstanceOf(CairnException.class).hasMessageContaining("outside the workspace")
          .extracting(e -> ((CairnException) e).kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
    }
    assertThat(tmp.resolve("escaped")).doesNotExist();
    assertThat(tmp.resolve("outside")).doesNotExist();
  }

  @Test
  void addRefusesBadPaths() throws Exception {
    write("inside/.keep", "");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.add().addPath(Path.of("missing")).call()).hasMessageContaining("no such file");
    }
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.add().addPath(tmp.resolve("home")).call()).hasMessageContaining("outside the repository");
    }
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.add().addPath(Path.of(".dvc/config")).call()).hasMessageContaining("internal");
    }
    write("data/x", "x");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("data")).call();
    }
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.add().addPath(Path.of("data/x")).call()).hasMessageContaining("overlaps output 'data'");
    }
    Files.writeString(root.resolve(".dvcignore"), "ignored.txt\n");
    write("ignored.txt", "i");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.add().addPath(Path.of("ignored.txt")).call()).hasMessageContaining(".dvcignore");
    }
  }

  @Test
  void gcKeepsWorkspaceObjects() throws Exception {
    write("a", "foo");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a")).call();
    }
    write("a", "bar");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a")).call();
      var r = c.gc().setWorkspace(true).call();
      assertThat(r.removed()).containsExactly("acbd18db4cc2f85cedef654fccc4a4d8");
      assertThat(c.repo().odb().exists(HashInfo.md5("37b51d194a7513e45b56f6524f2d51f2"))).isTrue();
    }
  }

  @Test
  void checkoutRemovesTheTempFileOfAKilledCheckoutWithoutForce() throws Exception {
    write("data/a", "foo");
    write("data/b", "bar");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("data")).call();
    }
    Files.delete(root.resolve("data/b"));
    write("data/.cairn-5f2a9c1e.tmp", "ba"); // what a SIGKILL between copy and rename leaves
    try (Cairn c = open()) {
      c.checkout().call();
    }
    assertThat(root.resolve("data/.cairn-5f2a9c1e.tmp")).doesNotExist();
    assertThat(root.resolve("data/b")).hasContent("bar");
    write("data/.5f2a9c1e.tmp", "not a name checkout writes: the user's");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.checkout().call()).isInstanceOf(CairnException.class)
          .hasMessageContaining("data/.5f2a9c1e.tmp");
    }
  }

  @Test
  void gcRemovesStrayTempFilesOfKilledWrites() throws Exception {
    write("a", "foo");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a")).call();
    }
    Path temp = root.resolve(".dvc/cache/files/md5/.5f2a9c1e.tmp");
    Path inPrefix = root.resolve(".dvc/cache/files/md5/ac/.77aa01.tmp");
    Files.writeString(temp, "half an object");
    Files.writeString(inPrefix, "half another");
    java.time.Clock dayLater = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(25));
    try (Cairn c = open()) {
      c.gc().setWorkspace(true).setDryRun(true).setClock(dayLater).call();
      assertThat(temp).exists();
      assertThat(c.gc().setWorkspace(true).setClock(dayLater).call().removed()).isEmpty();
    }
    assertThat(temp).doesNotExist();
    assertThat(inPrefix).doesNotExist();
    assertThat(root.resolve(".dvc/cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8")).exists();
  }

  @Test
  void gcAndFsckLeaveTempFilesOfRunningWritersAlone() throws Exception {
    // another workspace sharing the cache (or an exp run --run-all entry) may be writing these now;
    // this repository's lock does not exclude it
    write("a", "foo");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a")).call();
    }
    Path batch = root.resolve(".dvc/cache/files/md5/.5f2a9c1e.tmp");
    Path single = root.resolve(".dvc/cache/files/md5/ac/.77aa01.tmp");
    Files.writeString(batch, "a batch insert, not yet renamed");
    Files.writeString(single, "an insert being written");
    // a hard-linked insert: the temp file is a link to a workspace file last modified long ago
    Path old = root.resolve("old.bin");
    Files.writeString(old, "an old file");
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2020-01-01T00:00:00Z")));
    Path linked = root.resolve(".dvc/cache/files/md5/ac/.1234abcd.tmp");
    Files.createLink(linked, old);
    java.time.Clock hoursLater = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(23));
    try (Cairn c = open()) {
      c.gc().setWorkspace(true).call();
      assertThat(batch).exists();
      assertThat(single).exists();
      assertThat(linked).exists();
      c.gc().setWorkspace(true).setClock(hoursLater).call();
      assertThat(c.fsck().call().tempFiles()).isZero();
      assertThat(c.fsck().setClock(hoursLater).call().tempFiles()).isZero();
    }
    assertThat(batch).exists();
    assertThat(single).exists();
    assertThat(linked).exists();
    try (Cairn c = open()) {
      java.time.Clock dayLater = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(25));
      assertThat(c.fsck().setDryRun(true).setClock(dayLater).call().tempFiles()).isEqualTo(3);
      assertThat(batch).exists();
      assertThat(c.fsck().setClock(dayLater).call().tempFiles()).isEqualTo(3);
    }
    assertThat(batch).doesNotExist();
    assertThat(single).doesNotExist();
    assertThat(linked).doesNotExist();
    assertThat(old).hasContent("an old file");
  }

  @Test
  void corruptCacheObjectIsDetectedAndDeleted() throws Exception {
    write("a", "foo");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a")).call();
    }
    Path obj = root.resolve(".dvc/cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8");
    Files.setPosixFilePermissions(obj, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(obj, "evil");
    try (Cairn c = open()) {
      var st = c.status().call();
      assertThat(st.changes()).isEqualTo(Map.of("a.dvc", List.of(Map.of("changed outs", Map.of("a", "not in cache")))));
    }
    assertThat(obj).doesNotExist();
  }

  @Test
  void repoLockExcludesASecondWriter() throws Exception {
    try (var lock = dev.cairn.workspace.RepoLock.acquire(root.resolve(".dvc"), 10)) {
      assertThatThrownBy(() -> dev.cairn.workspace.RepoLock.acquire(root.resolve(".dvc"), 100))
          .hasMessageContaining("another cairn or dvc command");
    }
    dev.cairn.workspace.RepoLock.acquire(root.resolve(".dvc"), 10).close();
  }
}
