package dev.cairn.storage.testkit;

import static dev.cairn.storage.testkit.Content.get;
import static dev.cairn.storage.testkit.Content.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Storage;
import dev.cairn.storage.SupportsListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Storage} must show. A backend test extends this class and returns a
 * fresh, empty storage from {@link #newStorage()} (a new directory, bucket prefix or container
 * path per test); the suite closes it after each test.
 *
 * <p>Listing tests run only when the storage implements {@link SupportsListing}. Each test is
 * bounded to 60 seconds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StorageContractTest {
  private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.UTF_8);

  /** The storage under test, opened before each test. */
  protected Storage storage;

  /** Returns a new, empty storage; called once before each test. */
  protected abstract Storage newStorage() throws Exception;

  @BeforeEach
  void openStorage() throws Exception {
    storage = newStorage();
  }

  @AfterEach
  void closeStorage() throws IOException {
    if (storage != null) {
      storage.close();
    }
  }

  @Test
  void writtenObjectCanBeReadBack() throws IOException {
    put(storage, "a/b/c.txt", HELLO);
    assertThat(get(storage, "a/b/c.txt")).isEqualTo(HELLO);
    assertThat(storage.exists("a/b/c.txt")).isTrue();
    assertThat(storage.size("a/b/c.txt")).isEqualTo(HELLO.length);
  }

  @Test
  void emptyObjectIsAnObject() throws IOException {
    put(storage, "empty", new byte[0]);
    assertThat(storage.exists("empty")).isTrue();
    assertThat(storage.size("empty")).isZero();
    assertThat(get(storage, "empty")).isEmpty();
  }

  @Test
  void missingObjectIsReportedAsNotFound() throws IOException {
    assertThat(storage.exists("no/such/key")).isFalse();
    assertThat(storage.size("no/such/key")).isEqualTo(-1);
    assertThatThrownBy(() -> storage.open("no/such/key")).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void overwriteReplacesTheWholeObject() throws IOException {
    put(storage, "k", Content.random(1, 10_000));
    put(storage, "k", HELLO);
    assertThat(get(storage, "k")).isEqualTo(HELLO);
    assertThat(storage.size("k")).isEqualTo(HELLO.length);
  }

  @Test
  void deleteRemovesAndToleratesMissing() throws IOException {
    put(storage, "d/x", HELLO);
    storage.delete("d/x");
    assertThat(storage.exists("d/x")).isFalse();
    assertThatThrownBy(() -> storage.open("d/x")).isInstanceOf(ObjectNotFoundException.class);
    storage.delete("d/x");
    storage.delete("never/there");
  }

  @Test
  void unclosedCreateIsInvisible() throws IOException {
    Storage.AtomicOutput out = storage.create("pending/obj");
    out.write(Content.random(2, 4096));
    out.flush();
    assertThat(storage.exists("pending/obj")).isFalse();
    assertThat(storage.size("pending/obj")).isEqualTo(-1);
    assertThatThrownBy(() -> storage.open("pending/obj")).isInstanceOf(ObjectNotFoundException.class);
    assertThat(listed("pending/")).isEmpty();
    out.close();
    assertThat(storage.size("pending/obj")).isEqualTo(4096);
  }

  @Test
  void abortedCreateLeavesNothing() throws IOException {
    Storage.AtomicOutput out = storage.create("aborted/obj");
    out.write(Content.random(3, 100_000));
    out.abort();
    out.abort();
    out.close();
    assertThat(storage.exists("aborted/obj")).isFalse();
    assertThat(listed("aborted/")).isEmpty();
  }

  @Test
  void abortedOverwriteKeepsTheOldObject() throws IOException {
    put(storage, "keep", HELLO);
    Storage.AtomicOutput out = storage.create("keep");
    out.write(Content.random(4, 1000));
    out.abort();
    assertThat(get(storage, "keep")).isEqualTo(HELLO);
  }

  @Test
  void dvcLayoutKeysWork() throws IOException {
    String file = "files/md5/ab/cdef0123456789abcdef0123456789";
    String dir = "files/md5/d8/e8fca2dc0f896fd7cb4cb0031ba249.dir";
    String legacy = "3f/c0f8e3cf04b2e2a7e1f8c4f2d1a0b9";
    put(storage, file, HELLO);
    put(storage, dir, "[]".getBytes(StandardCharsets.UTF_8));
    put(storage, legacy, HELLO);
    assertThat(get(storage, file)).isEqualTo(HELLO);
    assertThat(get(storage, dir)).asString(StandardCharsets.UTF_8).isEqualTo("[]");
    assertThat(storage.exists(legacy)).isTrue();
    assertThat(storage.exists("files/md5/d8/e8fca2dc0f896fd7cb4cb0031ba249")).isFalse();
  }

  @Test
  void invalidKeysAreRejected() {
    for (String bad : List.of("/abs", "a/../b", "a//b", "")) {
      assertThatThrownBy(() -> storage.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.create(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void fiveMebibyteObjectRoundTrips() throws IOException {
    byte[] big = Content.random(5, 5 * 1024 * 1024);
    put(storage, "big/object.bin", big);
    assertThat(storage.size("big/object.bin")).isEqualTo(big.length);
    assertThat(get(storage, "big/object.bin")).isEqualTo(big);
  }

  @Test
  void concurrentCreatesFromSeveralThreads() throws Exception {
    int threads = 4;
    int perThread = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> jobs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        jobs.add(() -> {
          for (int i = 0; i < perThread; i++) {
            long seed = thread * 100L + i;
            put(storage, Content.dvcKey(seed), Content.random(seed, 1000 + (int) seed));
            put(storage, "shared/same-key", Content.random(-1 - thread, 20_000));
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(jobs, 50, TimeUnit.SECONDS)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        long seed = t * 100L + i;
        assertThat(get(storage, Content.dvcKey(seed))).isEqualTo(Content.random(seed, 1000 + (int) seed));
      }
    }
    byte[] last = get(storage, "shared/same-key");
    List<byte[]> candidates = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      candidates.add(Content.random(-1 - t, 20_000));
    }
    assertThat(candidates).as("the shared key holds one whole write").anySatisfy(c -> assertThat(c).isEqualTo(last));
  }

  @Test
  void listingByPrefix() throws IOException {
    SupportsListing lister = lister();
    put(storage, "files/md5/00/aaaa", HELLO);
    put(storage, "files/md5/00/bbbb.dir", HELLO);
    put(storage, "files/md5/01/cccc", HELLO);
    put(storage, "files/md5-other", HELLO);
    put(storage, "runs/x/y", HELLO);
    assertThat(listed("files/md5/00/")).containsExactlyInAnyOrder("files/md5/00/aaaa", "files/md5/00/bbbb.dir");
    assertThat(listed("files/md5/0")).containsExactlyInAnyOrder(
        "files/md5/00/aaaa", "files/md5/00/bbbb.dir", "files/md5/01/cccc");
    assertThat(listed("files/md5")).hasSize(4);
    assertThat(listed("")).hasSize(5);
    assertThat(listed("nothing/")).isEmpty();
    List<String> first = new ArrayList<>();
    lister.list("files/", k -> {
      first.add(k);
      throw new SupportsListing.StopListing();
    });
    assertThat(first).hasSize(1);
  }

  @Test
  void listingSkipsUnpublishedObjects() throws IOException {
    lister();
    put(storage, "l/done", HELLO);
    Storage.AtomicOutput out = storage.create("l/pending");
    out.write(HELLO);
    assertThat(listed("l/")).containsExactly("l/done");
    out.abort();
  }

  /** The storage as {@link SupportsListing}; skips the calling test when it cannot list. */
  protected SupportsListing lister() {
    assumeTrue(storage instanceof SupportsListing, storage.describe() + " cannot list");
    return (SupportsListing) storage;
  }

  /** Keys under {@code prefix}, or an empty list when the storage cannot list. */
  protected List<String> listed(String prefix) throws IOException {
    if (!(storage instanceof SupportsListing l)) {
      return List.of();
    }
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    l.list(prefix, keys::add);
    return keys;
  }
}
