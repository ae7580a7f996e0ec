package dev.cairn.odb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import java.io.ByteArrayInputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectDbTest {
  @TempDir
  Path tmp;

  @Test
  void largeFileIsCopiedAndHashedInOnePass() throws Exception {
    byte[] data = new byte[20 * 1024 * 1024 + 123];
    new Random(1).nextBytes(data);
    Path src = tmp.resolve("big");
    Files.write(src, data);
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), true);
    HashInfo h = odb.insertCopy(src, null);
    assertThat(h.value()).isEqualTo(Hashing.md5Hex(data));
    assertThat(Files.readAllBytes(odb.path(h))).isEqualTo(data);
    assertThat(odb.path(h).toString()).endsWith("files/md5/" + h.value().substring(0, 2) + "/" + h.value().substring(2));
    assertThat(odb.check(h)).isTrue();
  }

  @Test
  void batchDownloadsAreVerifiedAtOnceAndVisibleOnlyAfterCommit() throws Exception {
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), true);
    HashInfo foo = HashInfo.md5("acbd18db4cc2f85cedef654fccc4a4d8");
    Batch b = odb.batch();
    b.addStream(foo, new ByteArrayInputStream("foo".getBytes()));
    assertThatThrownBy(() -> b.addStream(HashInfo.md5("37b51d194a7513e45b56f6524f2d51f2"),
        new ByteArrayInputStream("not bar".getBytes()))).isInstanceOf(CorruptObjectException.class);
    assertThat(odb.exists(foo)).isFalse();
    b.commit();
    assertThat(odb.check(foo)).isTrue();
    assertThat(odb.exists(HashInfo.md5("37b51d194a7513e45b56f6524f2d51f2"))).isFalse();
    try (var files = Files.walk(tmp.resolve("cache"))) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void batchObjectsAreInvisibleUntilCommit() throws Exception {
    Path src = tmp.resolve("foo");
    Files.writeString(src, "foo");
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), true);
    Batch b = odb.batch();
    assertThat(b.add(src, null)).isEqualTo("acbd18db4cc2f85cedef654fccc4a4d8");
    assertThat(odb.exists(HashInfo.md5("acbd18db4cc2f85cedef654fccc4a4d8"))).isFalse();
    b.commit();
    assertThat(odb.check(HashInfo.md5("acbd18db4cc2f85cedef654fccc4a4d8"))).isTrue();
    Batch aborted = odb.batch();
    Files.writeString(src, "bar");
    aborted.add(src, null);
    aborted.abort();
    assertThat(odb.exists(HashInfo.md5("37b51d194a7513e45b56f6524f2d51f2"))).isFalse();
    try (var s = Files.walk(tmp.resolve("cache"))) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count()).isZero();
    }
  }

  @Test
  void downloadsAreVerifiedBeforeTheyEnterTheCache() throws Exception {
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), false);
    HashInfo foo = HashInfo.md5("acbd18db4cc2f85cedef654fccc4a4d8");
    assertThatThrownBy(() -> odb.insertStream(foo, new ByteArrayInputStream("evil".getBytes())))
        .isInstanceOf(CorruptObjectException.class);
    assertThat(odb.exists(foo)).isFalse();
    odb.insertStream(foo, new ByteArrayInputStream("foo".getBytes()));
    assertThat(odb.check(foo)).isTrue();
    HashInfo legacy = new HashInfo(HashInfo.MD5_DOS2UNIX, "d3b07384d113edec49eaa6238ad5ff00");
    odb.insertStream(legacy, new ByteArrayInputStream("foo\r\n".getBytes()));
    assertThat(odb.path(legacy)).isEqualTo(tmp.resolve("cache/d3/b07384d113edec49eaa6238ad5ff00"));
  }

  @Test
  void manifestsWithUnsafePathsAreRefused() {
    assertThatThrownBy(() -> Manifest.parse("[{\"md5\": \"acbd18db4cc2f85cedef654fccc4a4d8\", \"relpath\": \"/etc/x\"}]"
        .getBytes(), "x.dir")).isInstanceOf(CorruptObjectException.class).hasMessageContaining("absolute");
    assertThatThrownBy(() -> Manifest.parse("[{\"md5\": \"acbd18db4cc2f85cedef654fccc4a4d8\", \"relpath\": \"a/../../x\"}]"
        .getBytes(), "x.dir")).hasMessageContaining("escapes");
    assertThatThrownBy(() -> Manifest.parse("{\"a\": 1}".getBytes(), "x.dir")).hasMessageContaining("not a list");
  }

  /** A stream that hands out bytes in uneven pieces and can fail after a given count. */
  private static final class Dribble extends java.io.InputStream {
    private final byte[] data;
    private final long failAt;
    private final Random sizes = new Random(3);
    private int pos;

    Dribble(byte[] data, long failAt) {
      this.data = data;
      this.failAt = failAt;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      if (pos >= failAt) {
        throw new java.io.IOException("connection reset (test)");
      }
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + sizes.nextInt(300_000)), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /**
   * A download past the pipelining threshold (hashed on one thread, written on another, flushed
   * ahead every 64 MiB) stores exactly its bytes; a wrong one or a cut one leaves no object and no
   * temp file, and no writer thread behind.
   */
  @Test
  void largeDownloadsArePipelinedVerifiedAndCleanedUp() throws Exception {
    byte[] data = new byte[(int) ObjectWriter.FLUSH_AHEAD + 9 * 1024 * 1024 + 77];
    new Random(5).nextBytes(data);
    HashInfo h = HashInfo.md5(Hashing.md5Hex(data));
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), true);
    odb.insertStream(h, new Dribble(data, Long.MAX_VALUE));
    assertThat(odb.check(h)).isTrue();
    assertThat(Files.readAllBytes(odb.path(h))).isEqualTo(data);

    ObjectDb other = new ObjectDb(tmp.resolve("cache2"), true);
    byte[] wrong = data.clone();
    wrong[wrong.length - 1] ^= 1;
    assertThatThrownBy(() -> other.insertStream(h, new Dribble(wrong, Long.MAX_VALUE)))
        .isInstanceOf(CorruptObjectException.class);
    assertThatThrownBy(() -> other.insertStream(h, new Dribble(data, 20L << 20)))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("reset");
    Batch b = other.batch();
    assertThatThrownBy(() -> b.addStream(h, new Dribble(data, 40L << 20))).isInstanceOf(java.io.IOException.class);
    b.addStream(h, new Dribble(data, Long.MAX_VALUE));
    assertThat(other.exists(h)).isFalse();
    b.commit();
    assertThat(Files.readAllBytes(other.path(h))).isEqualTo(data);
    try (var files = Files.walk(tmp)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
    // the writers of the failed copies have ended (they are daemon threads of a shared pool: idle, not writing)
    Thread.sleep(200);
    assertThat(Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().equals("cairn-cache-writer"))
        .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().contains("PipelinedCopy"))))
        .isEmpty();
  }

  /**
   * A download that hands out its own buffers: direct chunks of uneven sizes, a heap one among
   * them, and a cut after a given count. Records what was lent and released, and takes back on
   * close what is still lent.
   */
  private static final class Chunks extends java.io.InputStream implements dev.cairn.storage.ChunkedInput {
    private final byte[] data;
    private final long failAt;
    private final Random sizes = new Random(11);
    private final java.util.Set<java.nio.ByteBuffer> lent =
        java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    final java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger lentCount = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.Set<String> releasingThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int pos;
    boolean closedWithLent;
    boolean aligned;

    Chunks(byte[] data, long failAt) {
      this.data = data;
      this.failAt = failAt;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public java.nio.ByteBuffer nextChunk() throws java.io.IOException {
      if (pos >= failAt) {
        throw new java.io.IOException("connection reset (test)");
      }
      if (pos >= data.length) {
        return null;
      }
      int n = Math.min(1 + sizes.nextInt(6 << 20), data.length - pos);
      java.nio.ByteBuffer b;
      if (aligned && lentCount.get() != 2) {
        // page-aligned memory, mostly whole pages at page-aligned offsets (what direct I/O takes),
        // one chunk starting off a page boundary, and a short last one
        n = lentCount.get() == 4 ? Math.min(5000, data.length - pos) : Math.min(4096 * (1 + sizes.nextInt(1500)), data.length - pos);
        b = java.nio.ByteBuffer.allocateDirect(n + 8192).alignedSlice(4096).limit(n);
      } else {
        b = lentCount.get() == 2 ? java.nio.ByteBuffer.allocate(n) : java.nio.ByteBuffer.allocateDirect(n);
      }
      b.put(data, pos, n).flip();
      pos += n;
      lent.add(b);
      lentCount.incrementAndGet();
      return b;
    }

    @Override
    public void release(java.nio.ByteBuffer chunk) {
      if (lent.remove(chunk)) {
        // the bytes are no longer read: spoil them, as a reused buffer would be
        chunk.duplicate().clear().put(new byte[Math.min(16, chunk.capacity())]);
        released.incrementAndGet();
        releasingThreads.add(Thread.currentThread().getName());
      }
    }

    @Override
    public void close() {
      closedWithLent = !lent.isEmpty();
      lent.clear();
    }
  }

  /**
   * A download that lends its buffers is hashed and written from them: stored exactly, each chunk
   * given back by the writer once written, the workspace copy whole; a wrong or cut one leaves no
   * object and no temp file.
   */
  @Test
  void chunkedDownloadsAreWrittenFromTheirOwnBuffersAndGiveThemBack() throws Exception {
    byte[] data = new byte[40 * 1024 * 1024 + 321];
    new Random(13).nextBytes(data);
    HashInfo h = HashInfo.md5(Hashing.md5Hex(data));
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), true);
    Chunks in = new Chunks(data, Long.MAX_VALUE);
    odb.insertStream(h, in);
    assertThat(Files.readAllBytes(odb.path(h))).isEqualTo(data);
    assertThat(in.released.get()).isEqualTo(in.lentCount.get()).isGreaterThan(3);
    assertThat(in.releasingThreads).containsOnly("cairn-cache-writer");

    ObjectDb other = new ObjectDb(tmp.resolve("cache2"), false);
    Files.createDirectories(tmp.resolve("ws"));
    Batch b = other.batch();
    PreparedCopy copy = b.addStreamWithCopy(h, new Chunks(data, Long.MAX_VALUE), tmp.resolve("ws/big.bin"));
    b.commit();
    assertThat(Files.readAllBytes(other.path(h))).isEqualTo(data);
    assertThat(Files.readAllBytes(copy.temp())).isEqualTo(data);
    Files.delete(copy.temp());

    // with a workspace copy, chunks in aligned memory go to the cache file by direct I/O where
    // the filesystem has it: the object is the same either way
    ObjectDb direct = new ObjectDb(tmp.resolve("cache4"), true);
    Chunks alignedChunks = new Chunks(data, Long.MAX_VALUE);
    alignedChunks.aligned = true;
    Batch d = direct.batch();
    PreparedCopy dcopy = d.addStreamWithCopy(h, alignedChunks, tmp.resolve("ws/direct.bin"));
    d.commit();
    assertThat(Files.readAllBytes(direct.path(h))).isEqualTo(data);
    assertThat(Files.readAllBytes(dcopy.temp())).isEqualTo(data);
    assertThat(alignedChunks.released.get()).isEqualTo(alignedChunks.lentCount.get());
    Files.delete(dcopy.temp());

    byte[] wrong = data.clone();
    wrong[12345] ^= 1;
    ObjectDb third = new ObjectDb(tmp.resolve("cache3"), true);
    assertThatThrownBy(() -> third.insertStream(h, new Chunks(wrong, Long.MAX_VALUE)))
        .isInstanceOf(CorruptObjectException.class);
    Chunks cut = new Chunks(data, 20L << 20);
    assertThatThrownBy(() -> {
      try (cut) {
        third.insertStream(h, cut);
      }
    }).isInstanceOf(java.io.IOException.class).hasMessageContaining("reset");
    assertThat(third.exists(h)).isFalse();
    try (var files = Files.walk(tmp)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  /** A direct write that fails (a filesystem that takes O_DIRECT but not the writes) falls back to the page cache. */
  @Test
  void aFailingDirectWriteFallsBackToThePageCache() throws Exception {
    byte[] data = new byte[20 * 1024 * 1024 + 99];
    new Random(17).nextBytes(data);
    Path file = tmp.resolve("direct-fails");
    Chunks chunks = new Chunks(data, Long.MAX_VALUE);
    chunks.aligned = true;
    FileChannel broken = FileChannel.open(Files.createFile(tmp.resolve("elsewhere")), StandardOpenOption.WRITE);
    broken.close(); // every write throws ClosedChannelException, an IOException
    String md5;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      md5 = PipelinedCopy.copyChunks(chunks, out, broken, 4096, null, Hashing.md5(), 0);
    }
    assertThat(md5).isEqualTo(Hashing.md5Hex(data));
    assertThat(Files.readAllBytes(file)).isEqualTo(data);
    assertThat(chunks.released.get()).isEqualTo(chunks.lentCount.get());
  }

  /**
   * A download that never ends, in a process of its own: the test stops that process with SIGTERM
   * (what Ctrl-C does to the JVM, shutdown hooks included) once its temp file is being written.
   */
  public static final class EndlessDownload {
    public static void main(String[] args) throws Exception {
      ObjectDb odb = new ObjectDb(Path.of(args[0]), false);
      java.io.InputStream endless = new java.io.InputStream() {
        private long sent;

        @Override
        public int read() {
          return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (sent >= (2 << 20)) {
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
              return -1;
            }
          }
          int n = (int) Math.min(len, (2 << 20) - sent);
          java.util.Arrays.fill(b, off, off + n, (byte) 7);
          sent += n;
          return n;
        }
      };
      odb.insertStream(HashInfo.md5("0123456789abcdef0123456789abcdef"), endless);
    }
  }

  /** Ended by a signal in the middle of a download, a process leaves no temp file in the cache. */
  @Test
  void aSignalledDownloadLeavesNoTempFile() throws Exception {
    Path cache = tmp.resolve("signalled");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EndlessDownload.class.getName(), cache.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (temps(cache).stream().noneMatch(f -> f.toFile().length() >= (2 << 20))) {
        assertThat(p.isAlive()).as("the child is still downloading; see child.log").isTrue();
        assertThat(System.nanoTime()).as("a temp file of 2 MiB appears").isLessThan(deadline);
        Thread.sleep(50);
      }
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(temps(cache)).isEmpty();
  }

  private static java.util.List<Path> temps(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (var files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
