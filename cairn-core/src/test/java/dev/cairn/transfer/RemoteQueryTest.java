package dev.cairn.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.HashInfo;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.LocalStorage;
import dev.cairn.storage.MemoryStorage;
import dev.cairn.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DVC's choice between listing and existence checks (dvc-format.md §3.3). */
class RemoteQueryTest {
  @TempDir
  Path tmp;

  static HashInfo oid(int i) {
    return HashInfo.md5(dev.cairn.hash.Hashing.md5Hex(("object " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  static void put(Storage s, HashInfo h) throws IOException {
    try (Storage.AtomicOutput out = s.create(RemoteLayout.key(h))) {
      out.write(1);
    }
  }

  Set<HashInfo> query(Storage s, Set<HashInfo> wanted, int jobs, RemoteQuery.Strategy expected) throws IOException {
    try (Parallel p = new Parallel(jobs)) {
      RemoteQuery q = new RemoteQuery(s, p, new Retrier(RetryPolicy.jittered(1, 0, 0, d -> { })));
      Set<HashInfo> found = q.existing(wanted);
      assertThat(q.lastStrategy()).isEqualTo(expected);
      return found;
    }
  }

  @Test
  void oneObjectIsCheckedWithExists() throws Exception {
    RecordingStorage s = new RecordingStorage(new MemoryStorage("q"), Set.of());
    put(s, oid(1));
    assertThat(query(s, Set.of(oid(1)), 4, RemoteQuery.Strategy.EXISTS)).containsExactly(oid(1));
    assertThat(s.lists.get()).isZero();
  }

  @Test
  void storageThatCannotListIsCheckedPerObject() throws Exception {
    MemoryStorage mem = new MemoryStorage("q");
    Storage noList = new Storage() {
      public InputStream open(String key) throws IOException {
        return mem.open(key);
      }

      public AtomicOutput create(String key) {
        return mem.create(key);
      }

      public boolean exists(String key) {
        return mem.exists(key);
      }

      public long size(String key) {
        return mem.size(key);
      }

      public void delete(String key) {
        mem.delete(key);
      }

      public String describe() {
        return "nolist";
      }

      public void close() {}
    };
    Set<HashInfo> wanted = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      wanted.add(oid(i));
      if (i % 2 == 0) {
        put(noList, oid(i));
      }
    }
    assertThat(query(noList, wanted, 4, RemoteQuery.Strategy.EXISTS)).hasSize(10);
  }

  @Test
  void smallRemoteIsListedOnce() throws Exception {
    RecordingStorage s = new RecordingStorage(new LocalStorage(tmp.resolve("r")), Set.of());
    Set<HashInfo> wanted = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      wanted.add(oid(i));
      if (i % 3 == 0) {
        put(s, oid(i));
      }
    }
    put(s, new HashInfo(HashInfo.MD5_DOS2UNIX, oid(1).value())); // legacy root is separate
    assertThat(query(s, wanted, 4, RemoteQuery.Strategy.LIST)).hasSize(100).allMatch(h -> !h.isLegacy());
    assertThat(s.exists.get()).isZero();
    assertThat(s.lists.get()).isEqualTo(2); // the estimate, then the listing
  }

  @Test
  void fewObjectsOnBigRemoteAreCheckedOneByOne() throws Exception {
    RecordingStorage s = new RecordingStorage(new MemoryStorage("q"), Set.of());
    // 200 objects under 00/0 → estimated 4096 × 200 = 819,200 objects: weight 4096 pages
    for (int i = 0; i < 200; i++) {
      put(s, HashInfo.md5("000" + String.format("%029x", i + 1)));
    }
    put(s, oid(5));
    Set<HashInfo> wanted = Set.of(oid(5), oid(6), oid(7));
    assertThat(query(s, wanted, 4, RemoteQuery.Strategy.EXISTS)).containsExactly(oid(5));
    assertThat(s.exists.get()).isEqualTo(3);
  }

  @Test
  void manyObjectsOnBigRemoteAreListedInParallelByPrefix() throws Exception {
    RecordingStorage s = new RecordingStorage(new MemoryStorage("q"), Set.of());
    for (int i = 0; i < 40; i++) {
      put(s, HashInfo.md5("000" + String.format("%029x", i + 1)));
    }
    Set<HashInfo> wanted = new HashSet<>();
    for (int i = 0; i < 1200; i++) {
      wanted.add(oid(i));
      if (i % 4 == 0) {
        put(s, oid(i));
      }
    }
    // estimate 4096 × 40 = 163,840 objects = 164 pages ≥ 256/4 → parallel listing
    assertThat(query(s, wanted, 4, RemoteQuery.Strategy.LIST_PARALLEL)).hasSize(300);
    assertThat(s.lists.get()).isEqualTo(1 + 256);
  }

  @Test
  void emptyRemoteIsEstimatedAtOnePrefixWorth() throws Exception {
    MemoryStorage s = new MemoryStorage("q");
    // nothing found: DVC assumes 16^3 = 4096 objects (weight 4.096), so 3 oids are checked, 10 listed
    assertThat(query(s, Set.copyOf(List.of(oid(1), oid(2), oid(3))), 4, RemoteQuery.Strategy.EXISTS)).isEmpty();
    Set<HashInfo> ten = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      ten.add(oid(i));
    }
    assertThat(query(s, ten, 4, RemoteQuery.Strategy.LIST)).isEmpty();
  }

  @Test
  void weightFollowsDvc() {
    assertThat(RemoteQuery.weight(256)).isEqualTo(0.256);
    assertThat(RemoteQuery.weight(500_000)).isEqualTo(500.0);
    assertThat(RemoteQuery.weight(1_000_000)).isEqualTo(5000.0);
  }

  @Test
  void layoutParsesOnlyObjectKeys() {
    HashInfo h = oid(3);
    assertThat(RemoteLayout.key(h)).isEqualTo("files/md5/" + h.value().substring(0, 2) + "/" + h.value().substring(2));
    assertThat(RemoteLayout.parse("files/md5/", "md5", RemoteLayout.key(h))).isEqualTo(h);
    assertThat(RemoteLayout.parse("", "md5-dos2unix", RemoteLayout.key(h))).isNull();
    assertThat(RemoteLayout.parse("files/md5/", "md5", "files/md5/ab/.1234.tmp")).isNull();
    assertThat(RemoteLayout.parse("", "md5-dos2unix", "runs/ab/cd")).isNull();
  }
}
