package dev.cairn.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.TimeUnit;

/**
 * The stat data the state keeps of a file (one {@code lstat} taken during a walk, or a {@code stat}
 * of a symlink's target): device, inode, modification time in nanoseconds, size and mode. A file
 * whose stat data differs from what was recorded with its hash is hashed again.
 *
 * @param mode the permission bits ({@code 0777}); -1 where the file system has none
 */
record FileMeta(long dev, long ino, long mtimeNs, long size, int mode) {
  /**
   * The attributes {@link #of} needs, in one {@code stat} ({@code lstat} with {@code NOFOLLOW_LINKS}):
   * POSIX ones where the file system has them (the JDK's basic view hides the mode), else the basic ones.
   */
  static BasicFileAttributes attributes(Path p, LinkOption... options) throws IOException {
    try {
      return Files.readAttributes(p, PosixFileAttributes.class, options);
    } catch (UnsupportedOperationException e) {
      return Files.readAttributes(p, BasicFileAttributes.class, options);
    }
  }

  static FileMeta of(BasicFileAttributes a) {
    long dev = 0;
    long ino = 0;
    Object key = a.fileKey();
    if (key != null) {
      // the JDK's Unix file key prints as "(dev=<hex>,ino=<decimal>)"; elsewhere its hash code stands in
      String k = key.toString();
      int d = k.indexOf("dev=");
      int i = k.indexOf(",ino=");
      int end = k.indexOf(')', i + 1);
      if (d >= 0 && i > d && end > i) {
        try {
          dev = Long.parseUnsignedLong(k, d + 4, i, 16);
          ino = Long.parseUnsignedLong(k, i + 5, end, 10);
        } catch (NumberFormatException e) {
          dev = 0;
          ino = key.hashCode();
        }
      } else {
        ino = key.hashCode();
      }
    }
    int mode = -1;
    if (a instanceof PosixFileAttributes p) {
      mode = 0;
      for (PosixFilePermission perm : p.permissions()) {
        mode |= 1 << (8 - perm.ordinal());
      }
    }
    return new FileMeta(dev, ino, a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(), mode);
  }

  /** Whether the owner may execute the file (DVC's {@code isexec}). */
  boolean isExec() {
    return mode > 0 && (mode & 0100) != 0;
  }
}
