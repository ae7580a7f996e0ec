package dev.cairn.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user clone cache: one clone per URL, never half-made, shared safely, refreshed on demand. */
class CloneCacheTest {
  @TempDir
  Path tmp;

  String origin() throws Exception {
    Path src = tmp.resolve("origin");
    try (Git g = Git.init().setDirectory(src.toFile()).setInitialBranch("main").call()) {
      Files.writeString(src.resolve("a.txt"), "a");
      g.add().addFilepattern(".").call();
      g.commit().setMessage("one").setSign(false).call();
      g.tag().setName("v1").call();
    }
    return src.toUri().toString(); // file:///…: cloned like any remote URL
  }

  @Test
  void concurrentOpensCloneOnceAndNeverSeeAHalfClone() throws Exception {
    String url = origin();
    CloneCache cache = new CloneCache(tmp.resolve("cache"), GitAccess.fromEnvironment(System.getenv()));
    int n = 6;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> heads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Callable<String> open = () -> {
        start.await();
        CloneCache.Opened o = new CloneCache(tmp.resolve("cache"), GitAccess.fromEnvironment(System.getenv()))
            .open(url, false);
        try (Repository r = o.repo()) {
          return r.resolve("v1^{commit}").name();
        }
      };
      heads.add(pool.submit(open));
    }
    start.countDown();
    List<String> seen = new ArrayList<>();
    for (Future<String> f : heads) {
      seen.add(f.get());
    }
    pool.shutdown();
    assertThat(seen).hasSize(n).allMatch(seen.get(0)::equals);
    try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(CloneCache.key(url) + ".git", CloneCache.key(url) + ".lock");
    }
    assertThat(cache.cloneDir(url)).isDirectory();
  }

  @Test
  void aCloneLeftByAKilledProcessIsDeletedAndRefreshSeesNewCommits() throws Exception {
    String url = origin();
    Path dir = tmp.resolve("cache");
    Files.createDirectories(dir.resolve(CloneCache.key(url) + ".tmp-killed/objects"));
    CloneCache cache = new CloneCache(dir, GitAccess.fromEnvironment(System.getenv()));
    CloneCache.Opened first = cache.open(url, true);
    assertThat(first.fresh()).isTrue();
    first.repo().close();
    assertThat(dir.resolve(CloneCache.key(url) + ".tmp-killed")).doesNotExist();

    RevCommit two;
    try (Git g = Git.open(tmp.resolve("origin").toFile())) {
      Files.writeString(tmp.resolve("origin/b.txt"), "b");
      g.add().addFilepattern(".").call();
      two = g.commit().setMessage("two").setSign(false).call();
    }
    CloneCache.Opened stale = cache.open(url, false);
    try (Repository r = stale.repo()) {
      assertThat(stale.fresh()).isFalse();
      assertThat(r.resolve(Constants.HEAD + "^{commit}")).isNotEqualTo(two.getId());
    }
    CloneCache.Opened fresh = cache.open(url, true);
    try (Repository r = fresh.repo()) {
      assertThat(fresh.fresh()).isTrue();
      assertThat(r.resolve("main^{commit}")).isEqualTo(two.getId());
      assertThat(r.isBare()).isTrue();
    }
  }

  @Test
  void theCacheDirectoryComesFromTheEnvironment() {
    assertThat(CloneCache.defaultDir(java.util.Map.of(CloneCache.DIR_VAR, "/x/clones"))).isEqualTo(Path.of("/x/clones"));
    assertThat(CloneCache.defaultDir(java.util.Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/h")))
        .isEqualTo(Path.of("/x/cache/cairn/repos"));
    assertThat(CloneCache.defaultDir(java.util.Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.cache/cairn/repos"));
  }
}
