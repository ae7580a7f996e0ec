package dev.cairn.workspace;

import dev.cairn.internal.Flock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The repository lock {@code .dvc/tmp/lock} taken by every command that writes (dvc-format.md §6.5):
 * {@code flock(LOCK_EX|LOCK_NB)} as DVC's zc.lockfile, with ` <pid>\n` written into the file. A
 * second writer retries for a short while, then fails. The lock dies with its process, so a killed
 * command never leaves a stale lock.
 */
public final class RepoLock implements AutoCloseable {
  private final int fd;
  private final FileChannel channel;
  private final FileLock fileLock;

  private RepoLock(int fd, FileChannel channel, FileLock fileLock) {
    this.fd = fd;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Thrown when another process holds the lock after the wait. */
  public static final class LockedException extends IOException {
    public LockedException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock, waiting up to {@code waitMillis}.
   *
   * @throws LockedException when another process keeps it
   */
  public static RepoLock acquire(Path dvcDir, long waitMillis) throws IOException {
    Path tmp = dvcDir.resolve("tmp");
    Files.createDirectories(tmp);
    return acquire(tmp.resolve("lock"), waitMillis, "another cairn or dvc command is running here");
  }

  /**
   * Takes the same kind of lock on any {@code file} (created if missing), waiting up to {@code
   * waitMillis}; {@code why} completes the message when another process keeps it.
   *
   * @throws LockedException when another process keeps it
   */
  public static RepoLock acquireFile(Path file, long waitMillis, String why) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return acquire(file, waitMillis, why);
  }

  private static RepoLock acquire(Path file, long waitMillis, String why) throws IOException {
    long deadline = System.nanoTime() + waitMillis * 1_000_000L;
    long sleep = 20;
    while (true) {
      RepoLock l = tryOnce(file);
      if (l != null) {
        return l;
      }
      if (System.nanoTime() > deadline) {
        String holder = "";
        try {
          holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException ignored) {
          // best effort
        }
        throw new LockedException("Unable to acquire the " + (file.endsWith(Path.of("tmp", "lock")) ? "repository " : "")
            + "lock " + file + (holder.isEmpty() ? "" : " (held by process " + holder + ")")
            + ": " + why + "; wait for it to finish and retry");
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LockedException("Interrupted while waiting for the lock " + file);
      }
      sleep = Math.min(sleep * 2, 200);
    }
  }

  private static RepoLock tryOnce(Path file) throws IOException {
    if (Flock.available()) {
      int fd = Flock.open(file.toString());
      if (fd >= 0) {
        if (Flock.tryLock(fd)) {
          Files.writeString(file, " " + Flock.pid() + "\n", StandardCharsets.UTF_8);
          return new RepoLock(fd, null, null);
        }
        Flock.release(fd);
        return null;
      }
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock fl;
    try {
      fl = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      fl = null;
    }
    if (fl == null) {
      ch.close();
      return null;
    }
    Files.writeString(file, " " + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    return new RepoLock(-1, ch, fl);
  }

  @Override
  public void close() throws IOException {
    if (fd >= 0) {
      Flock.release(fd);
    } else {
      fileLock.release();
      channel.close();
    }
  }
}
