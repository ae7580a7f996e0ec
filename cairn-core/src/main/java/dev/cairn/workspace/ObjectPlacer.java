package dev.cairn.workspace;

import dev.cairn.hash.HashInfo;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.odb.ObjectCopier;
import dev.cairn.odb.ObjectDb;
import dev.cairn.odb.PreparedCopy;
import dev.cairn.odb.TempFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Places cache objects in the workspace for {@link Checkouter} and {@link CacheCommitter}: by the
 * first {@code cache.type} link type that works (reflink falls through, hardlink, symlink, copy),
 * through a hidden temp file beside the destination that is renamed over it, so a reader never
 * sees half a file; or by renaming a copy a pull prepared ({@link PreparedCopy}).
 */
final class ObjectPlacer {
  private ObjectPlacer() {}

  /**
   * Places an object at {@code dest}, trying the link types in order; returns the type used. The
   * destination is replaced atomically (temp file in its directory, then rename).
   */
  static LinkType link(ObjectDb odb, HashInfo h, Path dest, List<LinkType> types, boolean executable) throws IOException {
    return place(odb, h, dest, types, executable, false, false).type();
  }

  /**
   * What {@link #place} did: the link type used; the attributes of the file as placed, read from
   * the hidden temp file before its rename (so no other writer can have touched it), or null when
   * not asked for; and whether the object was trusted (mode 0444) when it was read.
   */
  record Placed(LinkType type, BasicFileAttributes attrs, boolean trusted) {}

  /**
   * {@link #link} for bulk checkouts: {@code parentExists} skips creating the parent directory
   * (the caller made it), {@code wantAttrs} returns the placed file's attributes (for the state
   * cache). Per file this costs a stat of the object, the temp file's creation and write (created
   * with its final mode: no chmod once the umask is known to keep that mode), the rename, and the
   * stat asked for; no further existence checks.
   */
  static Placed place(ObjectDb odb, HashInfo h, Path dest, List<LinkType> types, boolean executable, boolean parentExists,
      boolean wantAttrs) throws IOException {
    Path src = odb.path(h);
    PosixFileAttributes sa;
    try {
      sa = Files.readAttributes(src, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      sa = null;
    } catch (UnsupportedOperationException e) {
      sa = null;
      if (Files.isRegularFile(src)) {
        return placeAs(src, Files.size(src), false, dest, types, executable, parentExists, wantAttrs);
      }
    }
    if (sa == null || !sa.isRegularFile()) {
      throw new MissingObjectException(h, "Object " + h + " is not in the cache");
    }
    return placeAs(src, sa.size(), ObjectDb.isTrusted(sa.permissions()), dest, types, executable, parentExists, wantAttrs);
  }

  private static Placed placeAs(Path src, long size, boolean trusted, Path dest, List<LinkType> types, boolean executable,
      boolean parentExists, boolean wantAttrs) throws IOException {
    if (!parentExists) {
      Files.createDirectories(dest.getParent());
    }
    Path tmp = TempFiles.workspaceTempIn(dest.getParent());
    IOException last = null;
    for (LinkType t : types) {
      try {
        switch (t) {
          case REFLINK -> {
            continue; // not reachable from the JDK without native code: fall through as DVC does
          }
          case HARDLINK -> {
            if (size == 0) {
              Files.createFile(tmp); // DVC: fresh empty file instead of a link
            } else {
              Files.createLink(tmp, src);
            }
          }
          case SYMLINK -> {
            Files.createSymbolicLink(tmp, src);
          }
          case COPY -> {
            Set<PosixFilePermission> perms = executable ? WORKSPACE_EXEC : PreparedCopy.MODE;
            ObjectCopier.copyNew(src, size, tmp, perms);
            ensureMode(tmp, perms);
          }
        }
        BasicFileAttributes attrs = wantAttrs ? FileMeta.attributes(tmp) : null;
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        TempFiles.done(tmp);
        return new Placed(t, attrs, trusted);
      } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
        TempFiles.discard(tmp);
        last = new IOException(e.toString(), e);
      } catch (IOException e) {
        TempFiles.discard(tmp);
        last = e;
      }
    }
    throw new IOException("Could not link " + dest + " from the cache with any of " + types, last);
  }

  /** Gives a file just created with {@code perms} exactly that mode, unless the umask is known to keep it. */
  private static void ensureMode(Path file, Set<PosixFilePermission> perms) throws IOException {
    Boolean kept = UMASK_KEEPS.get(perms);
    if (kept == null) {
      kept = Files.getPosixFilePermissions(file).equals(perms);
      UMASK_KEEPS.put(perms, kept);
    }
    if (!kept) {
      Files.setPosixFilePermissions(file, perms);
    }
  }

  /**
   * Places a prepared copy at {@code dest} as {@link #place} would have copied the object (non-executable,
   * mode 0644 less the umask): the attributes are read from the temp file before its rename.
   */
  static Placed adopt(PreparedCopy prepared, Path dest, boolean wantAttrs) throws IOException {
    Path tmp = prepared.temp();
    try {
      ensureMode(tmp, PreparedCopy.MODE);
      BasicFileAttributes attrs = wantAttrs ? FileMeta.attributes(tmp) : null;
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      TempFiles.done(tmp);
      return new Placed(LinkType.COPY, attrs, true);
    } catch (IOException | RuntimeException e) {
      TempFiles.discard(tmp);
      throw e;
    }
  }

  /** The mode of copied executables: 0755 (less the umask); other files get {@link PreparedCopy#MODE}. */
  private static final Set<PosixFilePermission> WORKSPACE_EXEC;

  static {
    EnumSet<PosixFilePermission> x = EnumSet.copyOf(PreparedCopy.MODE);
    x.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_EXECUTE));
    WORKSPACE_EXEC = Set.copyOf(x);
  }

  /**
   * Whether a file created with a mode gets exactly that mode, i.e. the process umask keeps it
   * (the umask is per process and the JDK never changes it): learnt from the first file created
   * with each mode; where it does not, every file is chmod'ed as before.
   */
  private static final ConcurrentHashMap<Set<PosixFilePermission>, Boolean> UMASK_KEEPS =
      new ConcurrentHashMap<>();
}
