package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.progress.NullProgressMonitor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state's binary index of a directory: an unchanged tree hashes nothing; a missing, truncated,
 * corrupt, foreign-version or foreign-directory index is ignored and rewritten; racily clean and
 * smudged entries are hashed again; concurrent writers (and a writer that scribbles over the file)
 * never make a hash wrong.
 */
class DirIndexTest {
  @TempDir
  Path root;

  Path data;
  long total;

  @BeforeEach
  void tree() throws IOException {
    data = root.resolve("data");
    Instant past = Instant.now().minusSeconds(3600);
    for (int i = 0; i < 300; i++) {
      Path f = data.resolve("d" + (i % 7)).resolve("f" + i + ".txt");
      Files.createDirectories(f.getParent());
      String content = "content of file " + i + "\n";
      Files.writeString(f, content);
      // older than any index written now: not racily clean (files just written would be, in the same tick)
      Files.setLastModifiedTime(f, FileTime.from(past));
      total += content.length();
    }
    Files.createDirectories(root.resolve(".dvc/tmp"));
  }

  private WorkspaceHasher hasher() {
    return new WorkspaceHasher(root, StateDb.open(root.resolve(".dvc/tmp")), new DvcIgnore(root));
  }

  /** The hash by reading every file, with no state at all. */
  private String truth() throws IOException {
    return new WorkspaceHasher(root, StateDb.disabled(), new DvcIgnore(root)).hashDir(data, NullProgressMonitor.INSTANCE)
        .hash().value();
  }

  private Path indexFile() {
    return StateDb.open(root.resolve(".dvc/tmp")).indexFile(data.toAbsolutePath().normalize().toString());
  }

  /** Hashes the directory with a fresh state; returns the bytes read. */
  private long hashAndCount(String expected) throws IOException {
    WorkspaceHasher h = hasher();
    assertThat(h.hashDir(data, NullProgressMonitor.INSTANCE).hash().value()).isEqualTo(expected);
    return h.bytesRead();
  }

  @Test
  void anUnchangedTreeIsAnsweredFromTheIndexAlone() throws Exception {
    String oid = truth();
    assertThat(hashAndCount(oid)).isEqualTo(total);
    assertThat(indexFile()).exists();
    FileTime written = Files.getLastModifiedTime(indexFile());
    assertThat(hashAndCount(oid)).isZero();
    assertThat(Files.getLastModifiedTime(indexFile())).isEqualTo(written); // not rewritten when nothing changed
  }

  @Test
  void aChangedFileIsTheOnlyOneReadAgain() throws Exception {
    hashAndCount(truth());
    Path f = data.resolve("d3/f3.txt");
    Files.writeString(f, "changed, and longer than before\n");
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
    assertThat(hashAndCount(truth())).isEqualTo(Files.size(f));
    assertThat(hashAndCount(truth())).isZero();
  }

  @Test
  void addedAndDeletedFilesChangeTheHash() throws Exception {
    hashAndCount(truth());
    Files.delete(data.resolve("d0/f0.txt"));
    Path added = data.resolve("d9/new.txt");
    Files.createDirectories(added.getParent());
    Files.writeString(added, "new\n");
    Files.setLastModifiedTime(added, FileTime.from(Instant.now().minusSeconds(60)));
    String oid = truth();
    assertThat(hashAndCount(oid)).isEqualTo(4);
    Files.delete(data.resolve("d1/f1.txt")); // a deletion alone, at the end of nothing read
    assertThat(hashAndCount(truth())).isZero();
  }

  @Test
  void aMissingIndexIsRebuilt() throws Exception {
    String oid = truth();
    hashAndCount(oid);
    Files.delete(indexFile());
    assertThat(hashAndCount(oid)).isEqualTo(total);
    assertThat(indexFile()).exists();
    assertThat(hashAndCount(oid)).isZero();
  }

  @Test
  void aTruncatedIndexIsIgnoredAndRebuilt() throws Exception {
    String oid = truth();
    hashAndCount(oid);
    for (long keep : new long[] {Files.size(indexFile()) / 2, Files.size(indexFile()) - 1, 10, 0}) {
      try (FileChannel ch = FileChannel.open(indexFile(), StandardOpenOption.WRITE)) {
        ch.truncate(keep);
      }
      assertThat(DirIndex.read(indexFile(), data.toString())).isNull();
      assertThat(hashAndCount(oid)).isEqualTo(total);
      assertThat(hashAndCount(oid)).isZero();
    }
  }

  @Test
  void aCorruptIndexIsIgnoredEvenWhereItsBytesWouldStillParse() throws Exception {
    String oid = truth();
    hashAndCount(oid);
    // flip one bit of an md5 inside the entries: without the checksum this would be a wrong hash
    byte[] b = Files.readAllBytes(indexFile());
    int header = 16 + data.toString().getBytes(StandardCharsets.UTF_8).length;
    int firstMd5 = header + 2 + "d0/f0.txt".length() + 40;
    b[firstMd5] ^= 1;
    Files.write(indexFile(), b);
    assertThat(DirIndex.read(indexFile(), data.toString())).isNull();
    assertThat(DirIndex.LAST_REJECTION.get()).isEqualTo("corrupt");
    assertThat(hashAndCount(oid)).isEqualTo(total);
    assertThat(hashAndCount(oid)).isZero();
  }

  @Test
  void anIndexOfAnotherVersionIsIgnored() throws Exception {
    String oid = truth();
    hashAndCount(oid);
    try (FileChannel ch = FileChannel.open(indexFile(), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).putInt(0, DirIndex.VERSION + 1), 8);
    }
    assertThat(DirIndex.read(indexFile(), data.toString())).isNull();
    assertThat(DirIndex.LAST_REJECTION.get()).isEqualTo("version " + (DirIndex.VERSION + 1));
    assertThat(hashAndCount(oid)).isEqualTo(total);
    assertThat(hashAndCount(oid)).isZero();
  }

  @Test
  void anIndexOfAnotherDirectoryIsIgnored() throws Exception {
    hashAndCount(truth());
    // the same tree under another name: its index file holds the first directory's path
    Path other = root.resolve("other");
    Files.move(data, other);
    Files.copy(indexFile(), StateDb.open(root.resolve(".dvc/tmp")).indexFile(other.toString()));
    Path moved = data;
    data = other;
    assertThat(DirIndex.read(indexFile(), data.toString())).isNull();
    assertThat(DirIndex.LAST_REJECTION.get()).isEqualTo("of another directory");
    assertThat(hashAndCount(truth())).isEqualTo(total);
    data = moved;
  }

  /**
   * A racily clean entry (its file's mtime at or after the index was written) is hashed again: a
   * change in the same tick of the clock, with the same size, would not show in the stat.
   */
  @Test
  void aRacilyCleanEntryIsHashedAgainAndAChangeThatKeepsItsStatIsSeen() throws Exception {
    Path f = data.resolve("d2/f2.txt");
    FileTime future = FileTime.from(Instant.now().plusSeconds(3600));
    Files.setLastModifiedTime(f, future);
    String before = truth();
    hashAndCount(before);
    DirIndex idx = DirIndex.read(indexFile(), data.toString());
    assertThat(idx.racyFrom()).isLessThan(future.to(TimeUnit.NANOSECONDS));
    // same size, same inode, same mtime: only the content differs
    Files.writeString(f, Files.readString(f).toUpperCase(java.util.Locale.ROOT));
    Files.setLastModifiedTime(f, future);
    String after = truth();
    assertThat(after).isNotEqualTo(before);
    assertThat(hashAndCount(after)).isEqualTo(Files.size(f));
  }

  /** A file whose mtime says it may have changed while it was read is written smudged: never trusted. */
  @Test
  void aFileReadWhileItMayHaveChangedIsSmudged() throws Exception {
    Path f = data.resolve("d4/f4.txt");
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(3600)));
    hashAndCount(truth());
    DirIndex.Cursor c = DirIndex.read(indexFile(), data.toString()).cursor();
    List<String> smudged = new ArrayList<>();
    while (c.next()) {
      if ((c.flags & DirIndex.SMUDGED) != 0) {
        smudged.add(c.rel());
      }
    }
    assertThat(smudged).containsExactly("d4/f4.txt");
  }

  /**
   * Several states hash the tree at once and race to write its index, while another writer
   * scribbles over the index file in place (as no Cairn writer does): every hash is the tree's.
   */
  @Test
  void concurrentWritersNeverMakeAHashWrong() throws Exception {
    Random random = new Random(19);
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    Thread vandal = new Thread(() -> {
      Random r = new Random(7);
      while (!stop.get()) {
        try {
          byte[] junk = new byte[r.nextInt(200)];
          r.nextBytes(junk);
          if (Files.exists(indexFile())) {
            try (FileChannel ch = FileChannel.open(indexFile(), StandardOpenOption.WRITE)) {
              ch.write(ByteBuffer.wrap(junk), r.nextInt((int) Math.max(1, ch.size())));
            }
          }
          Thread.sleep(r.nextInt(5));
        } catch (IOException e) {
          // the file was being replaced: try again
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    vandal.start();
    try {
      for (int round = 0; round < 15; round++) {
        Path f = data.resolve("d" + random.nextInt(7)).resolve("f" + random.nextInt(300) + ".txt");
        if (Files.exists(f)) {
          Files.writeString(f, "round " + round + " " + "x".repeat(random.nextInt(40)) + "\n");
          Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(10 + round)));
        }
        String expected = truth();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> hashers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Thread th = new Thread(() -> {
            try {
              go.await();
              String got = hasher().hashDir(data, NullProgressMonitor.INSTANCE).hash().value();
              if (!got.equals(expected)) {
                errors.add(new AssertionError("hashed " + got + ", the tree is " + expected));
              }
            } catch (Throwable e) {
              errors.add(e);
            }
          });
          th.start();
          hashers.add(th);
        }
        go.countDown();
        for (Thread th : hashers) {
          th.join();
        }
      }
    } finally {
      stop.set(true);
      vandal.join();
    }
    assertThat(errors).isEmpty();
    assertThat(hasher().hashDir(data, NullProgressMonitor.INSTANCE).hash().value()).isEqualTo(truth());
  }
}
