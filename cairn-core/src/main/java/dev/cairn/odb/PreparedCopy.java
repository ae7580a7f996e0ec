package dev.cairn.odb;

import dev.cairn.hash.HashInfo;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A workspace copy of an object written during its download ({@link Batch#addStreamWithCopy}): a
 * hidden temp file beside its destination, which the checkout renames into place instead of
 * copying the object again.
 */
public record PreparedCopy(HashInfo hash, Path temp) {
  /** The mode of copied workspace files: 0644 (less the umask). */
  public static final Set<PosixFilePermission> MODE = Set.copyOf(EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
}
