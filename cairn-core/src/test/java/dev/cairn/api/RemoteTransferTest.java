package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.errors.TransferFailedException;
import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.transfer.FaultyStorage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** push, fetch, pull and status -c end to end with local-directory remotes. */
class RemoteTransferTest {
  @TempDir
  Path tmp;
  Path root;
  Path store;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    root = tmp.resolve("repo");
    store = tmp.resolve("store");
    Files.createDirectories(root);
    env = new HashMap<>();
    env.put("HOME", tmp.resolve("home").toString());
    env.put("DVC_SYSTEM_CONFIG_DIR", tmp.resolve("sys").toString());
    env.put("CAIRN_FSYNC", "0"); // the cache is not what is under test; remotes still fsync
    Cairn.init(root).setNoScm(true).call();
    config("[core]\n    no_scm = True\n    remote = store\n['remote \"store\"']\n    url = ../../store\n");
  }

  void config(String text) throws Exception {
    Files.writeString(root.resolve(".dvc/config"), text);
  }

  Cairn open() throws CairnException {
    return Cairn.open(root, env);
  }

  void write(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  static RetryPolicy fast() {
    return RetryPolicy.jittered(3, 0, 0, d -> { });
  }

  static void deleteTree(Path p) throws Exception {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!Files.isSymbolicLink(q)) {
          q.toFile().setWritable(true);
        }
        Files.delete(q);
      }
    }
  }

  /** Relative path → md5 of the content, for every file under {@code dir}. */
  static Map<String, String> snapshot(Path dir) throws Exception {
    Map<String, String> m = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Hashing.md5File(p));
      }
    }
    return m;
  }

  @Test
  void pushWipePullRestoresIdenticalBytesInDvcLayout() throws Exception {
    for (int i = 0; i < 1000; i++) {
      write("data/part" + (i % 10) + "/f" + i + ".txt", "row " + i + "\n".repeat(i % 5));
    }
    write("model.bin", "weights");
    String dirMd5;
    try (Cairn c = open()) {
      dirMd5 = c.add().addPath(Path.of("data")).addPath(Path.of("model.bin")).call().added().get(0).md5();
    }
    Map<String, String> before = snapshot(root.resolve("data"));
    try (Cairn c = open()) {
      var st = c.remoteStatus().call();
      assertThat(st.remotes()).containsExactly("store");
      assertThat(st.changes()).hasSize(1002).containsEntry("data", "new").containsEntry("model.bin", "new")
          .containsEntry("data/part3/f13.txt", "new");
    }
    try (Cairn c = open()) {
      SyncResult r = c.push().setJobs(8).call();
      assertThat(r.objects().transferred()).isEqualTo(1002);
      assertThat(r.objects().alreadyPresent()).isZero();
    }
    Path remoteDir = store.resolve("files/md5/" + dirMd5.substring(0, 2) + "/" + dirMd5.substring(2));
    Path cacheDir = root.resolve(".dvc/cache/files/md5/" + dirMd5.substring(0, 2) + "/" + dirMd5.substring(2));
    assertThat(Files.readAllBytes(remoteDir)).isEqualTo(Files.readAllBytes(cacheDir));
    assertThat(snapshot(store)).isEqualTo(snapshot(root.resolve(".dvc/cache")));
    try (Cairn c = open()) {
      assertThat(c.remoteStatus().call().isInSync()).isTrue();
      SyncResult again = c.push().call();
      assertThat(again.objects().transferred()).isZero();
      assertThat(again.objects().alreadyPresent()).isEqualTo(1002);
    }

    deleteTree(root.resolve(".dvc/cache"));
    deleteTree(root.resolve("data"));
    Files.delete(root.resolve("model.bin"));
    try (Cairn c = open()) {
      var st = c.remoteStatus().call();
      assertThat(st.changes()).hasSize(1002).containsEntry("data", "deleted").containsEntry("model.bin", "deleted");
      PullCommand.PullResult r = c.pull().call();
      assertThat(r.fetched().objects().transferred()).isEqualTo(1002);
      assertThat(r.checkout().added()).containsExactlyInAnyOrder("data/", "model.bin");
    }
    assertThat(snapshot(root.resolve("data"))).isEqualTo(before);
    assertThat(Files.readString(root.resolve("model.bin"))).isEqualTo("weights");
    try (Cairn c = open()) {
      assertThat(c.status().call().isClean()).isTrue();
      assertThat(c.remoteStatus().call().isInSync()).isTrue();
      assertThat(c.fetch().call().objects().alreadyPresent()).isEqualTo(1002);
    }
  }

  /**
   * The remote is opened in the background while the outputs are read, and only once: the
   * transfer takes that storage over; when nothing needs it, it is closed all the same.
   */
  @Test
  void theRemoteIsOpenedEarlyOnceAndAlwaysClosed() throws Exception {
    config("[core]\n    no_scm = True\n    remote = store\n['remote \"store\"']\n    url = counting://" + store
        + "\n    open_delay_ms = 300\n");
    write("a.txt", "a");
    CountingStorageProvider.OPENED.set(0);
    CountingStorageProvider.CLOSED.set(0);
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a.txt")).call();
      assertThat(c.push().call().objects().transferred()).isEqualTo(1);
    }
    assertThat(CountingStorageProvider.OPENED.get()).isEqualTo(1);
    assertThat(CountingStorageProvider.CLOSED.get()).isEqualTo(1);
    deleteTree(root.resolve(".dvc/cache"));
    Files.delete(root.resolve("a.txt"));
    try (Cairn c = open()) {
      c.pull().call();
    }
    assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("a");
    assertThat(CountingStorageProvider.OPENED.get()).isEqualTo(2);
    assertThat(CountingStorageProvider.CLOSED.get()).isEqualTo(2);
    Files.delete(root.resolve("a.txt.dvc"));
    CountingStorageProvider.gate = new java.util.concurrent.CountDownLatch(1);
    try (Cairn c = open()) {
      c.pull().call(); // nothing tracked: the remote is not used
    }
    assertThat(CountingStorageProvider.OPENED.get()).as("the command did not wait for the early open").isEqualTo(2);
    CountingStorageProvider.gate.countDown();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (CountingStorageProvider.CLOSED.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    CountingStorageProvider.gate = null;
    assertThat(CountingStorageProvider.OPENED.get()).isEqualTo(3);
    assertThat(CountingStorageProvider.CLOSED.get()).isEqualTo(3);
  }

  @Test
  void legacyEntryGoesToAndComesFromTheLegacyLayout() throws Exception {
    byte[] bin = "legacy\0binary".getBytes(StandardCharsets.ISO_8859_1);
    String md5 = Hashing.md5Hex(bin);
    HashInfo h = new HashInfo(HashInfo.MD5_DOS2UNIX, md5);
    try (Cairn c = open()) {
      c.repo().odb().insertStream(h, new ByteArrayInputStream(bin));
    }
    write("old.bin.dvc", "outs:\n- md5: " + md5 + "\n  size: " + bin.length + "\n  path: old.bin\n");
    try (Cairn c = open()) {
      assertThat(c.push().call().objects().transferred()).isEqualTo(1);
    }
    assertThat(store.resolve(md5.substring(0, 2) + "/" + md5.substring(2))).exists();
    assertThat(store.resolve("files")).doesNotExist();
    deleteTree(root.resolve(".dvc/cache"));
    try (Cairn c = open()) {
      c.pull().call();
    }
    assertThat(Files.readAllBytes(root.resolve("old.bin"))).isEqualTo(bin);
    assertThat(root.resolve(".dvc/cache/" + md5.substring(0, 2) + "/" + md5.substring(2))).exists();
  }

  @Test
  void pushFalseIsSkippedAndRemoteFieldChoosesTheRemote() throws Exception {
    config("[core]\n    no_scm = True\n    remote = store\n['remote \"store\"']\n    url = ../../store\n"
        + "['remote \"other\"']\n    url = ../../other\n");
    write("a.txt", "a");
    write("b.txt", "b");
    write("c.txt", "c");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a.txt")).addPath(Path.of("b.txt")).addPath(Path.of("c.txt")).call();
    }
    Files.writeString(root.resolve("b.txt.dvc"), Files.readString(root.resolve("b.txt.dvc")) + "  push: false\n");
    Files.writeString(root.resolve("c.txt.dvc"), Files.readString(root.resolve("c.txt.dvc")) + "  remote: other\n");
    try (Cairn c = open()) {
      SyncResult r = c.push().call();
      assertThat(r.remotes()).containsExactly("store", "other");
      assertThat(r.objects().transferred()).isEqualTo(2);
    }
    assertThat(snapshot(store)).hasSize(1).containsKey("files/md5/0c/c175b9c0f1b6a831c399e269772661");
    assertThat(snapshot(tmp.resolve("other"))).hasSize(1).containsKey("files/md5/4a/8a08f09d37b73795649038408b5f33");
    try (Cairn c = open()) {
      // -r store selects only outputs without remote: or with remote: store
      SyncResult r = c.push().setRemote("store").call();
      assertThat(r.remotes()).containsExactly("store");
      assertThat(r.objects().alreadyPresent()).isEqualTo(1);
    }
  }

  @Test
  void pipelineOutputsOfEveryDvcLockArePushedAndKeptByGc() throws Exception {
    // a pipeline in a sub-directory (its own dvc.yaml and dvc.lock), with push: false on one output
    write("sub/dvc.yaml", "stages:\n  mk:\n    cmd: printf hello > out.txt && printf local > keep.txt\n"
        + "    outs:\n    - out.txt\n    - keep.txt:\n        push: false\n");
    try (Cairn c = open()) {
      c.repro().call();
    }
    assertThat(root.resolve("sub/dvc.lock")).exists();
    String hello = Hashing.md5Hex("hello".getBytes(StandardCharsets.UTF_8));
    String local = Hashing.md5Hex("local".getBytes(StandardCharsets.UTF_8));
    try (Cairn c = open()) {
      assertThat(c.push().call().objects().transferred()).isEqualTo(1);
      assertThat(c.gc().setWorkspace(true).call().removed()).isEmpty();
    }
    assertThat(snapshot(store)).containsOnlyKeys("files/md5/" + hello.substring(0, 2) + "/" + hello.substring(2));
    assertThat(root.resolve(".dvc/cache/files/md5/" + local.substring(0, 2) + "/" + local.substring(2))).exists();

    // an unreadable dvc.lock stops gc instead of letting it delete what the lock references
    Files.writeString(root.resolve("sub/dvc.lock"), "schema: '2.0'\nstages: [oops\n");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.gc().setWorkspace(true).call())
          .isInstanceOf(CairnException.class).hasMessageContaining("dvc.lock");
    }
    assertThat(root.resolve(".dvc/cache/files/md5/" + hello.substring(0, 2) + "/" + hello.substring(2))).exists();
  }

  @Test
  void badRemoteSettingsFailWithOneClearLine() throws Exception {
    write("a.txt", "a");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a.txt")).call();
    }
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.push().setRemote("nope").call()).isInstanceOfSatisfying(CairnException.class, e -> {
        assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo("Remote 'nope' does not exist; see 'cairn remote list'");
      });
    }
    config("[core]\n    no_scm = True\n['remote \"store\"']\n    url = ../../store\n");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.fetch().call()).isInstanceOfSatisfying(CairnException.class, e -> {
        assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
        assertThat(e.getMessage()).contains("no default remote");
      });
    }
    config("[core]\n    remote = bad\n['remote \"bad\"']\n    url = nosuch://bucket/x\n");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.push().call()).isInstanceOfSatisfying(CairnException.class, e -> {
        assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith("Cannot use remote 'bad': Unsupported remote URL scheme 'nosuch://'");
      });
    }
    config("[core]\n    remote = bad\n['remote \"bad\"']\n    url = file://host/%zz\n");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.remoteStatus().call()).isInstanceOfSatisfying(CairnException.class, e -> {
        assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo("Cannot use remote 'bad': malformed URL 'file://host/%zz'");
      });
    }
  }

  @Test
  void objectCorruptedOnTheRemoteIsDetectedAtPullAndNotCheckedOut() throws Exception {
    write("good.txt", "good");
    write("bad.txt", "bad");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("good.txt")).addPath(Path.of("bad.txt")).call();
      c.push().call();
    }
    String badMd5 = Hashing.md5Hex("bad".getBytes(StandardCharsets.UTF_8));
    Path remoteBad = store.resolve("files/md5/" + badMd5.substring(0, 2) + "/" + badMd5.substring(2));
    Files.writeString(remoteBad, "evil");
    deleteTree(root.resolve(".dvc/cache"));
    Files.delete(root.resolve("good.txt"));
    Files.delete(root.resolve("bad.txt"));
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.pull().setRetryPolicy(fast()).call())
          .isInstanceOfSatisfying(TransferFailedException.class, e -> {
            assertThat(e.kind()).isEqualTo(CairnException.Kind.FAILED);
            assertThat(e.getMessage()).contains("bad.txt corrupt on remote 'store'").contains("not checked out: bad.txt")
                .doesNotContain("\n");
            assertThat(e.result().transferred()).isEqualTo(1);
          });
    }
    assertThat(root.resolve("good.txt")).hasContent("good");
    assertThat(root.resolve("bad.txt")).doesNotExist();
    assertThat(root.resolve(".dvc/cache/files/md5/" + badMd5.substring(0, 2) + "/" + badMd5.substring(2)))
        .doesNotExist();
  }

  @Test
  void allBranchesAndAllCommitsPushHistoricalVersions() throws Exception {
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      write("m.txt", "v1");
      try (Cairn c = open()) {
        c.add().addPath(Path.of("m.txt")).call();
      }
      git.add().addFilepattern("m.txt.dvc").call();
      var first = git.commit().setMessage("v1").setSign(false).setAuthor("t", "t@e").setCommitter("t", "t@e").call();
      git.tag().setName("v1").setObjectId(first).setAnnotated(false).call();
      write("m.txt", "v2");
      try (Cairn c = open()) {
        c.add().addPath(Path.of("m.txt")).call();
      }
      git.add().addFilepattern("m.txt.dvc").call();
      git.commit().setMessage("v2").setSign(false).setAuthor("t", "t@e").setCommitter("t", "t@e").call();
      write("m.txt", "v3");
      try (Cairn c = open()) {
        c.add().addPath(Path.of("m.txt")).call();
      }
    }
    String v1 = Hashing.md5Hex("v1".getBytes(StandardCharsets.UTF_8));
    String v2 = Hashing.md5Hex("v2".getBytes(StandardCharsets.UTF_8));
    String v3 = Hashing.md5Hex("v3".getBytes(StandardCharsets.UTF_8));
    try (Cairn c = open()) {
      assertThat(c.push().setAllBranches(true).call().objects().transferred()).isEqualTo(2);
    }
    assertThat(store.resolve("files/md5/" + v2.substring(0, 2) + "/" + v2.substring(2))).exists();
    assertThat(store.resolve("files/md5/" + v3.substring(0, 2) + "/" + v3.substring(2))).exists();
    assertThat(store.resolve("files/md5/" + v1.substring(0, 2) + "/" + v1.substring(2))).doesNotExist();
    try (Cairn c = open()) {
      assertThat(c.push().setAllTags(true).addTarget(Path.of("m.txt")).call().objects().transferred()).isEqualTo(1);
    }
    assertThat(store.resolve("files/md5/" + v1.substring(0, 2) + "/" + v1.substring(2))).exists();
    try (Cairn c = open()) {
      SyncResult all = c.push().setAllCommits(true).call();
      assertThat(all.objects().transferred()).isZero();
      assertThat(all.objects().alreadyPresent()).isEqualTo(3);
    }
  }

  @Test
  void lockOutputsAndRunCacheTravelToo() throws Exception {
    write("out.txt", "pipeline output");
    String md5;
    try (Cairn c = open()) {
      md5 = c.repo().odb().insertCopy(root.resolve("out.txt"), null).value();
    }
    write("dvc.yaml", "stages:\n  train:\n    cmd: echo\n    outs:\n    - out.txt\n");
    write("dvc.lock", "schema: '2.0'\nstages:\n  train:\n    cmd: echo\n    outs:\n    - path: out.txt\n      hash: md5\n"
        + "      md5: " + md5 + "\n      size: 15\n");
    String key = "a".repeat(64);
    String value = "b".repeat(64);
    Path entry = root.resolve(".dvc/cache/runs/aa/" + key + "/" + value);
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "cmd: echo\n");
    try (Cairn c = open()) {
      SyncResult r = c.push().setRunCache(true).call();
      assertThat(r.objects().transferred()).isEqualTo(1);
      assertThat(r.runCache().transferred()).isEqualTo(1);
    }
    assertThat(store.resolve("runs/aa/" + key + "/" + value)).hasContent("cmd: echo\n");
    deleteTree(root.resolve(".dvc/cache"));
    Files.delete(root.resolve("out.txt"));
    try (Cairn c = open()) {
      PullCommand.PullResult r = c.pull().setRunCache(true).call();
      assertThat(r.fetched().runCache().transferred()).isEqualTo(1);
    }
    assertThat(root.resolve("out.txt")).hasContent("pipeline output");
    assertThat(entry).hasContent("cmd: echo\n");
  }

  @Test
  void pushAndPullSurviveAFlakyRemote() throws Exception {
    for (int i = 0; i < 150; i++) {
      write("flaky/f" + i, "content " + i);
    }
    try (Cairn c = open()) {
      c.add().addPath(Path.of("flaky")).call();
    }
    Map<String, String> before = snapshot(root.resolve("flaky"));
    java.util.List<FaultyStorage> wrappers = new java.util.concurrent.CopyOnWriteArrayList<>();
    RetryPolicy patient = RetryPolicy.jittered(10, 0, 0, d -> { });
    try (Cairn c = open()) {
      SyncResult r = c.push().setRetryPolicy(patient).setStorageDecorator(s -> {
        FaultyStorage f = new FaultyStorage(s, 11, 20);
        wrappers.add(f);
        return f;
      }).call();
      assertThat(r.objects().transferred()).isEqualTo(151);
    }
    for (Path p : Files.walk(store.resolve("files")).filter(Files::isRegularFile).toList()) {
      String name = store.resolve("files/md5").relativize(p).toString().replace("/", "").replace(".dir", "");
      assertThat(Hashing.md5File(p)).as(p.toString()).isEqualTo(name);
    }
    deleteTree(root.resolve(".dvc/cache"));
    deleteTree(root.resolve("flaky"));
    try (Cairn c = open()) {
      c.pull().setRetryPolicy(patient).setStorageDecorator(s -> {
        FaultyStorage f = new FaultyStorage(s, 12, 20);
        wrappers.add(f);
        return f;
      }).call();
    }
    assertThat(snapshot(root.resolve("flaky"))).isEqualTo(before);
    assertThat(wrappers).hasSize(2).allMatch(f -> f.faults() > 10);
  }

  @Test
  void aLaterPushDeletesStaleTempFilesOfAKilledPushOnTheRemote() throws Exception {
    write("a", "foo"); // acbd18db4cc2f85cedef654fccc4a4d8
    try (Cairn c = open()) {
      c.add().addPath(Path.of("a")).call();
    }
    // what a killed push leaves: a temp file beside the object it was writing
    Path dir = Files.createDirectories(store.resolve("files/md5/ac"));
    Path killed = Files.writeString(dir.resolve(".6b1f0e2a9c3d4e5f.tmp"), "half an upload");
    try (Cairn c = open()) {
      c.push().call(); // a push right after: it may be another push's upload in progress, kept
    }
    assertThat(killed).exists();
    Files.delete(store.resolve("files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8"));
    java.time.Clock dayLater = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(25));
    try (Cairn c = open()) {
      c.push().setStorageDecorator(s -> new dev.cairn.storage.LocalStorage(
          ((dev.cairn.storage.LocalStorage) s).root(), dayLater)).call();
    }
    assertThat(killed).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bd18db4cc2f85cedef654fccc4a4d8");
    }
  }

  @Test
  void runCacheIsRefusedForHttpRemotesBeforeAnythingMoves() throws Exception {
    config("[core]\n    no_scm = True\n    remote = web\n['remote \"web\"']\n    url = https://example.invalid/store\n");
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.push().setRunCache(true).call()).isInstanceOfSatisfying(CairnException.class, e -> {
        assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo("The run-cache cannot be pushed to HTTP remote 'web', as with DVC;"
            + " drop --run-cache");
      });
    }
  }

  @Test
  void remoteStatusNamesMissingObjects() throws Exception {
    write("d/x", "x");
    write("d/y", "y");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("d")).call();
      c.push().call();
    }
    String y = Hashing.md5Hex("y".getBytes(StandardCharsets.UTF_8));
    Files.delete(store.resolve("files/md5/" + y.substring(0, 2) + "/" + y.substring(2)));
    Path cached = root.resolve(".dvc/cache/files/md5/" + y.substring(0, 2) + "/" + y.substring(2));
    Files.setPosixFilePermissions(cached.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.delete(cached);
    try (Cairn c = open()) {
      assertThat(c.remoteStatus().call().changes()).containsExactly(Map.entry("d/y", "missing"));
    }
  }

  /**
   * pull writes the workspace copy of a single-file output while its object downloads (small ones
   * and one past the 8 MiB pipelining threshold) and renames it into place: identical bytes, reported
   * as added, no temp file left; a corrupt object's copy is never placed.
   */
  @Test
  void pullWritesWorkspaceCopiesDuringTheDownload() throws Exception {
    byte[] big = new byte[9 * 1024 * 1024 + 17];
    new java.util.Random(11).nextBytes(big);
    Files.createDirectories(root.resolve("models"));
    Files.write(root.resolve("models/big.bin"), big);
    write("small.txt", "small");
    write("bad.txt", "bad");
    try (Cairn c = open()) {
      c.add().addPath(Path.of("models/big.bin")).addPath(Path.of("small.txt")).addPath(Path.of("bad.txt")).call();
      c.push().call();
    }
    String badMd5 = Hashing.md5Hex("bad".getBytes(StandardCharsets.UTF_8));
    Files.writeString(store.resolve("files/md5/" + badMd5.substring(0, 2) + "/" + badMd5.substring(2)), "evil");
    deleteTree(root.resolve(".dvc/cache"));
    Files.delete(root.resolve("models/big.bin"));
    Files.delete(root.resolve("small.txt"));
    Files.delete(root.resolve("bad.txt"));
    try (Cairn c = open()) {
      assertThatThrownBy(() -> c.pull().setRetryPolicy(fast()).call())
          .isInstanceOfSatisfying(TransferFailedException.class,
              e -> assertThat(e.getMessage()).contains("bad.txt corrupt on remote 'store'"));
    }
    assertThat(Files.readAllBytes(root.resolve("models/big.bin"))).isEqualTo(big);
    assertThat(root.resolve("small.txt")).hasContent("small");
    assertThat(root.resolve("bad.txt")).doesNotExist();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("models/big.bin"))))
        .isEqualTo("rw-r--r--");
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
    }
    // a killed pull leaves its copy beside the output: the next pull (or checkout) removes it, and
    // leaves a user's file of a similar name alone
    Path stale = root.resolve("models/.cairn-0123456789abcdef.tmp");
    Files.write(stale, new byte[] {1, 2, 3});
    Files.writeString(root.resolve("models/.cairn-notes.tmp"), "mine");
    try (Cairn c = open()) {
      c.pull().addTarget(Path.of("models/big.bin.dvc")).call();
    }
    assertThat(stale).doesNotExist();
    assertThat(root.resolve("models/.cairn-notes.tmp")).hasContent("mine");
    Files.delete(root.resolve("models/.cairn-notes.tmp"));
    // placed like any checkout: the placed outputs are up to date, bad.txt is not
    try (Cairn c = open()) {
      assertThat(c.status().addTarget(Path.of("models/big.bin.dvc")).addTarget(Path.of("small.txt.dvc")).call().isClean())
          .isTrue();
      assertThat(c.status().addTarget(Path.of("bad.txt.dvc")).call().isClean()).isFalse();
    }
  }
}
