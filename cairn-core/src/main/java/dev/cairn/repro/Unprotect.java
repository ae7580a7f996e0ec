package dev.cairn.repro;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Removing outputs before a run, and unprotecting outputs (links and read-only files become private,
 * writable copies): {@code persist} outputs before a run, and the {@code unprotect} command.
 */
public final class Unprotect {
  private Unprotect() {}

  /** Deletes a file, link or directory tree; nothing when absent. */
  static void delete(Path p) throws IOException {
    dev.cairn.internal.FileTrees.delete(p);
  }

  /**
   * Replaces symlinks, hard links and read-only files under {@code p} with writable private copies
   * (each copied beside itself and renamed over it); files that are already private and writable
   * are left alone. Nothing when {@code p} does not exist.
   */
  public static void tree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      file(p);
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        file(f);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void file(Path f) throws IOException {
    boolean link = Files.isSymbolicLink(f);
    int nlink = link ? 1 : ((Number) Files.getAttribute(f, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
    if (!link && nlink <= 1 && perms.contains(PosixFilePermission.OWNER_WRITE)) {
      return;
    }
    Path tmp = Files.createTempFile(f.toAbsolutePath().getParent(), "." + f.getFileName(), ".unprotect");
    Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(tmp);
    p.add(PosixFilePermission.OWNER_WRITE);
    p.add(PosixFilePermission.OWNER_READ);
    Files.setPosixFilePermissions(tmp, p);
    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
