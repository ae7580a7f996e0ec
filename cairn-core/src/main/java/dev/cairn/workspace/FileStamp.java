package dev.cairn.workspace;

import java.nio.file.attribute.BasicFileAttributes;

/** Builds state stamps from file attributes (one {@code stat} per file, taken during walks). */
final class FileStamp {
  private FileStamp() {}

  static StateDb.Stamp of(BasicFileAttributes a) {
    Object key = a.fileKey();
    return new StateDb.Stamp(key == null ? "" : key.toString(),
        a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size());
  }
}
