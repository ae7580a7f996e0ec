package dev.cairn.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.LocalStorage;
import dev.cairn.storage.MemoryStorage;
import dev.cairn.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectTransferTest {
  @TempDir
  Path tmp;
  ObjectDb odb;
  List<Long> sleeps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    odb = new ObjectDb(tmp.resolve("cache"), false);
  }

  TransferOptions options(int attempts) {
    return new TransferOptions(8, RetryPolicy.jittered(attempts, 10, 80, d -> sleeps.add(d.toMillis())));
  }

  HashInfo file(String content) throws Exception {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    HashInfo h = HashInfo.md5(Hashing.md5Hex(b));
    odb.insertStream(h, new ByteArrayInputStream(b));
    return h;
  }

  /** A directory of n files, all in the cache; returns its .dir hash. */
  HashInfo dir(String prefix, int n) throws Exception {
    List<Manifest.Entry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add(new Manifest.Entry("f" + i, file(prefix + " file " + i + "\n".repeat(i % 7)).value()));
    }
    Manifest m = new Manifest(entries);
    HashInfo d = HashInfo.md5(m.oid());
    odb.insertBytes(d, m.toBytes());
    return d;
  }

  static byte[] read(Storage s, String key) throws Exception {
    try (InputStream in = s.open(key)) {
      return in.readAllBytes();
    }
  }

  /** Every object key on a memory remote holds bytes that hash to its name. */
  static void assertNoCorruptObjects(MemoryStorage remote) throws Exception {
    List<String> keys = new ArrayList<>();
    remote.list("", keys::add);
    for (String k : keys) {
      HashInfo h = RemoteLayout.parse(RemoteLayout.MD5_ROOT, HashInfo.MD5, k);
      if (h != null) {
        assertThat(Hashing.md5Hex(read(remote, k))).as(k).isEqualTo(h.bare());
      }
    }
  }

  @Test
  void pushUsesDvcLayoutAndUploadsEachDirAfterAllItsFiles() throws Exception {
    HashInfo d1 = dir("a", 40);
    HashInfo d2 = dir("b", 25);
    HashInfo f = file("single");
    MemoryStorage mem = new MemoryStorage("r");
    RecordingStorage remote = new RecordingStorage(mem, Set.of());
    TransferResult r = new ObjectTransfer(odb, remote, "r", options(3)).push(List.of(d1, d2, f), NullProgressMonitor.INSTANCE);
    assertThat(r.failures()).isEmpty();
    assertThat(r.transferred()).isEqualTo(40 + 25 + 2 + 1);
    assertThat(remote.published).contains("files/md5/" + f.relPath());
    for (HashInfo d : List.of(d1, d2)) {
      int dirAt = remote.published.indexOf("files/md5/" + d.relPath());
      assertThat(dirAt).isPositive();
      for (Manifest.Entry e : odb.readManifest(d).entries()) {
        assertThat(remote.published.indexOf(RemoteLayout.key(HashInfo.md5(e.md5())))).isBetween(0, dirAt - 1);
      }
      assertThat(read(mem, "files/md5/" + d.relPath())).isEqualTo(Files.readAllBytes(odb.path(d)));
    }
    TransferResult again = new ObjectTransfer(odb, remote, "r", options(3)).push(List.of(d1, d2, f), NullProgressMonitor.INSTANCE);
    assertThat(again.transferred()).isZero();
    assertThat(again.alreadyPresent()).isEqualTo(68);
  }

  @Test
  void failingFileUploadKeepsItsDirOffTheRemote() throws Exception {
    HashInfo d = dir("c", 10);
    HashInfo bad = HashInfo.md5(odb.readManifest(d).entries().get(3).md5());
    MemoryStorage mem = new MemoryStorage("r");
    RecordingStorage remote = new RecordingStorage(mem, Set.of(RemoteLayout.key(bad)));
    TransferResult r = new ObjectTransfer(odb, remote, "r", options(3)).push(List.of(d), NullProgressMonitor.INSTANCE);
    assertThat(r.transferred()).isEqualTo(9);
    assertThat(r.failures()).extracting(TransferResult.Failure::object).containsExactlyInAnyOrder(bad, d);
    assertThat(r.failures()).filteredOn(x -> x.object().equals(d)).first()
        .extracting(TransferResult.Failure::reason).asString().contains("1 of its files");
    assertThat(mem.exists(RemoteLayout.key(d))).isFalse();
    assertThat(remote.published).doesNotContain(RemoteLayout.key(d));
  }

  @Test
  void missingLocalFileKeepsDirOffTheRemote() throws Exception {
    HashInfo d = dir("m", 5);
    HashInfo gone = HashInfo.md5(odb.readManifest(d).entries().get(0).md5());
    odb.delete(gone);
    MemoryStorage mem = new MemoryStorage("r");
    TransferResult r = new ObjectTransfer(odb, mem, "r", options(2)).push(List.of(d), NullProgressMonitor.INSTANCE);
    assertThat(r.failures()).extracting(TransferResult.Failure::reason)
        .anyMatch(s -> s.contains("missing from the local cache"));
    assertThat(mem.exists(RemoteLayout.key(d))).isFalse();
  }

  @Test
  void corruptLocalObjectIsNeverUploaded() throws Exception {
    HashInfo f = file("precious");
    Path p = odb.path(f);
    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(p, "garbage");
    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    MemoryStorage mem = new MemoryStorage("r");
    TransferResult r = new ObjectTransfer(odb, mem, "r", options(3)).push(List.of(f, file("other")), NullProgressMonitor.INSTANCE);
    assertThat(r.failures()).singleElement().satisfies(x -> assertThat(x.reason()).contains("corrupt in the local cache"));
    assertThat(mem.exists(RemoteLayout.key(f))).isFalse();
    assertThat(r.transferred()).isEqualTo(1);
  }

  @Test
  void legacyObjectsUseTheLegacyLayoutBothWays() throws Exception {
    byte[] b = "legacy\r\nbinary\0".getBytes(StandardCharsets.ISO_8859_1);
    HashInfo h = new HashInfo(HashInfo.MD5_DOS2UNIX, Hashing.md5Hex(b));
    odb.insertStream(h, new ByteArrayInputStream(b));
    Manifest m = new Manifest(List.of(new Manifest.Entry("x", h.value())));
    HashInfo d = new HashInfo(HashInfo.MD5_DOS2UNIX, m.oid());
    odb.insertBytes(d, m.toBytes());
    MemoryStorage mem = new MemoryStorage("r");
    TransferResult r = new ObjectTransfer(odb, mem, "r", options(1)).push(List.of(d), NullProgressMonitor.INSTANCE);
    assertThat(r.failures()).isEmpty();
    assertThat(mem.exists(h.relPath())).isTrue();
    assertThat(mem.exists(d.relPath())).isTrue();
    assertThat(mem.exists("files/md5/" + h.relPath())).isFalse();
    ObjectDb fresh = new ObjectDb(tmp.resolve("cache2"), false);
    TransferResult f = new ObjectTransfer(fresh, mem, "r", options(1)).fetch(List.of(d), NullProgressMonitor.INSTANCE);
    assertThat(f.failures()).isEmpty();
    assertThat(f.transferred()).isEqualTo(2);
    assertThat(Files.readAllBytes(fresh.path(h))).isEqualTo(b);
    assertThat(fresh.path(h)).isEqualTo(tmp.resolve("cache2").toAbsolutePath().resolve(h.relPath()));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void faultsAreRetriedAndContentArrivesIntact(long seed) throws Exception {
    HashInfo d = dir("fault", 120);
    HashInfo f = file("fault single");
    MemoryStorage mem = new MemoryStorage("r");
    FaultyStorage faulty = new FaultyStorage(mem, seed, 20);
    TransferResult pushed = new ObjectTransfer(odb, faulty, "r", options(10)).push(List.of(d, f), NullProgressMonitor.INSTANCE);
    assertThat(pushed.failures()).isEmpty();
    assertThat(pushed.transferred()).isEqualTo(122);
    assertThat(faulty.faults.get()).isGreaterThan(5);
    assertThat(sleeps).isNotEmpty().allMatch(ms -> ms >= 0 && ms <= 80);
    assertNoCorruptObjects(mem);

    ObjectDb fresh = new ObjectDb(tmp.resolve("fresh"), false);
    TransferResult fetched = new ObjectTransfer(fresh, faulty, "r", options(10)).fetch(List.of(d, f), NullProgressMonitor.INSTANCE);
    assertThat(fetched.failures()).isEmpty();
    assertThat(fetched.transferred()).isEqualTo(122);
    List<HashInfo> all = new ArrayList<>();
    fresh.list(all::add, null);
    assertThat(all).hasSize(122);
    for (HashInfo h : all) {
      assertThat(fresh.verify(h)).as(h.value()).isTrue();
      assertThat(Files.readAllBytes(fresh.path(h))).isEqualTo(Files.readAllBytes(odb.path(h)));
    }
  }

  @Test
  void withoutRetriesFaultsAreReportedAndNothingCorruptIsLeft() throws Exception {
    HashInfo d = dir("noretry", 60);
    MemoryStorage mem = new MemoryStorage("r");
    new ObjectTransfer(odb, mem, "r", options(1)).push(List.of(d), NullProgressMonitor.INSTANCE);
    FaultyStorage faulty = new FaultyStorage(mem, 7, 30);
    ObjectDb fresh = new ObjectDb(tmp.resolve("fresh"), false);
    TransferResult r = new ObjectTransfer(fresh, faulty, "r", options(1)).fetch(List.of(d), NullProgressMonitor.INSTANCE);
    assertThat(r.failures()).isNotEmpty();
    assertThat(r.failures()).allSatisfy(x -> assertThat(x.reason()).isNotBlank());
    List<HashInfo> all = new ArrayList<>();
    fresh.list(all::add, null);
    for (HashInfo h : all) {
      assertThat(fresh.verify(h)).as(h.value()).isTrue();
    }
    MemoryStorage mem2 = new MemoryStorage("r2");
    TransferResult p = new ObjectTransfer(odb, new FaultyStorage(mem2, 9, 30), "r2", options(1))
        .push(List.of(d), NullProgressMonitor.INSTANCE);
    assertThat(p.failures()).isNotEmpty();
    assertNoCorruptObjects(mem2);
    assertThat(mem2.exists(RemoteLayout.key(d))).isFalse();
  }

  @Test
  void corruptRemoteObjectIsReportedAndNeverCached() throws Exception {
    HashInfo good = file("good");
    HashInfo bad = file("bad");
    MemoryStorage mem = new MemoryStorage("r");
    new ObjectTransfer(odb, mem, "r", options(1)).push(List.of(good, bad), NullProgressMonitor.INSTANCE);
    try (Storage.AtomicOutput out = mem.create(RemoteLayout.key(bad))) {
      out.write("tampered".getBytes(StandardCharsets.UTF_8));
    }
    ObjectDb fresh = new ObjectDb(tmp.resolve("fresh"), false);
    TransferResult r = new ObjectTransfer(fresh, mem, "r", options(3)).fetch(List.of(good, bad), NullProgressMonitor.INSTANCE);
    assertThat(r.transferred()).isEqualTo(1);
    assertThat(r.failures()).singleElement().satisfies(x -> {
      assertThat(x.object()).isEqualTo(bad);
      assertThat(x.reason()).contains("corrupt on remote 'r'");
    });
    assertThat(fresh.exists(bad)).isFalse();
    assertThat(fresh.exists(good)).isTrue();
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void missingRemoteObjectIsNotRetried() throws Exception {
    HashInfo f = file("never pushed");
    ObjectDb fresh = new ObjectDb(tmp.resolve("fresh"), false);
    TransferResult r = new ObjectTransfer(fresh, new MemoryStorage("r"), "r", options(5)).fetch(List.of(f),
        NullProgressMonitor.INSTANCE);
    assertThat(r.failures()).singleElement().extracting(TransferResult.Failure::reason)
        .isEqualTo("missing on remote 'r'");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void progressCountsBytesOnPushAndFilesOnFetch() throws Exception {
    HashInfo d = dir("p", 12);
    long bytes = Files.size(odb.path(d));
    for (Manifest.Entry e : odb.readManifest(d).entries()) {
      bytes += Files.size(odb.path(HashInfo.md5(e.md5())));
    }
    Map<String, Long> totals = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicLong done = new AtomicLong();
    ProgressMonitor m = new ProgressMonitor() {
      String title;

      @Override
      public void beginTask(String t, long total) {
        title = t;
        totals.put(t, total);
      }

      @Override
      public void update(long n) {
        totals.merge(title + "#done", n, Long::sum);
        done.addAndGet(n);
      }

      @Override
      public void endTask() {}
    };
    LocalStorage local = new LocalStorage(tmp.resolve("remote"));
    TransferResult r = new ObjectTransfer(odb, local, "r", options(1)).push(List.of(d), m);
    assertThat(totals).containsEntry("Pushing 13 files to 'r'", bytes).containsEntry("Pushing 13 files to 'r'#done", bytes);
    assertThat(r.bytes()).isEqualTo(bytes);
    ObjectDb fresh = new ObjectDb(tmp.resolve("fresh"), false);
    new ObjectTransfer(fresh, local, "r", options(1)).fetch(List.of(d), m);
    assertThat(totals).containsEntry("Fetching 12 files from 'r'", 12L).containsEntry("Fetching 12 files from 'r'#done", 12L);
  }

  @Test
  void unreachableRemoteFailsTheWholePushWithItsName() throws Exception {
    HashInfo a = file("a");
    HashInfo b = file("b");
    FaultyStorage down = new FaultyStorage(new MemoryStorage("down"), 1, 100);
    assertThatThrownBy(() -> new ObjectTransfer(odb, down, "origin", options(3)).push(List.of(a, b),
        NullProgressMonitor.INSTANCE))
        .isInstanceOf(dev.cairn.storage.StorageException.class)
        .hasMessageStartingWith("Cannot query remote 'origin' (faulty:memory://down): 503 Slow Down");
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void compareReportsNewDeletedAndMissing() throws Exception {
    HashInfo both = file("both");
    HashInfo localOnly = file("local only");
    HashInfo remoteOnly = file("remote only");
    HashInfo neither = HashInfo.md5(Hashing.md5Hex("nowhere".getBytes(StandardCharsets.UTF_8)));
    MemoryStorage mem = new MemoryStorage("r");
    ObjectTransfer t = new ObjectTransfer(odb, mem, "r", options(1));
    t.push(List.of(both, remoteOnly), NullProgressMonitor.INSTANCE);
    odb.delete(remoteOnly);
    Map<String, HashInfo> outs = new java.util.LinkedHashMap<>();
    outs.put("both", both);
    outs.put("local", localOnly);
    outs.put("remote", remoteOnly);
    outs.put("neither", neither);
    assertThat(t.compare(outs, NullProgressMonitor.INSTANCE)).containsExactly(
        Map.entry("both", ObjectTransfer.Presence.OK), Map.entry("local", ObjectTransfer.Presence.NEW),
        Map.entry("remote", ObjectTransfer.Presence.DELETED), Map.entry("neither", ObjectTransfer.Presence.MISSING));
  }
}
