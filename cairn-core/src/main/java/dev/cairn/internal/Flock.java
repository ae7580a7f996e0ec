package dev.cairn.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * {@code flock(2)} through JNA, so that Cairn's repository lock excludes DVC's (zc.lockfile uses
 * {@code flock}; Java's {@code FileChannel.lock} uses {@code fcntl}, which does not, dvc-format.md
 * §6.5). {@link #available()} is false where the C library cannot be loaded.
 */
public final class Flock {
  static final int LOCK_EX = 2;
  static final int LOCK_NB = 4;
  static final int LOCK_UN = 8;
  static final int O_RDWR = 2;
  static final int O_CREAT = 0100;

  interface CLib extends Library {
    int open(String path, int flags, int mode);

    int flock(int fd, int operation);

    int close(int fd);

    int getpid();

    int syncfs(int fd);
  }

  private static final CLib LIB = load();

  private static CLib load() {
    try {
      return Native.load("c", CLib.class);
    } catch (Throwable t) {
      return null;
    }
  }

  private Flock() {}

  public static boolean available() {
    return LIB != null;
  }

  /** Opens (creating) a file and returns its descriptor, or -1. */
  public static int open(String path) {
    return LIB.open(path, O_RDWR | O_CREAT, 0644);
  }

  /** Tries to take an exclusive lock without blocking. */
  public static boolean tryLock(int fd) {
    return LIB.flock(fd, LOCK_EX | LOCK_NB) == 0;
  }

  /** Releases the lock and closes the descriptor. */
  public static void release(int fd) {
    LIB.flock(fd, LOCK_UN);
    LIB.close(fd);
  }

  /**
   * Flushes the whole filesystem holding {@code path} to disk ({@code syncfs(2)}); false when not
   * available, so callers fall back to per-file fsync.
   */
  public static boolean syncfs(String path) {
    if (LIB == null) {
      return false;
    }
    try {
      int fd = LIB.open(path, 0, 0);
      if (fd < 0) {
        return false;
      }
      try {
        return LIB.syncfs(fd) == 0;
      } finally {
        LIB.close(fd);
      }
    } catch (Throwable t) {
      return false;
    }
  }

  public static int pid() {
    return LIB.getpid();
  }
}
