package dev.cairn.workspace;

import dev.cairn.hash.EntryHash;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.CorruptObjectException;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ManifestReader;
import dev.cairn.odb.ObjectDb;
import dev.cairn.progress.ProgressMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The status of one output (dvc-format.md §6.1), checked in DVC's order. */
public final class OutputStatus {
  public static final String NOT_IN_CACHE = "not in cache";
  public static final String DELETED = "deleted";
  public static final String MODIFIED = "modified";
  public static final String NEW = "new";

  private OutputStatus() {}

  /** Returns the status word, or null when the output is up to date. */
  public static String of(Tracked t, ObjectDb odb, WorkspaceHasher hasher, ProgressMonitor monitor) throws IOException {
    OutputEntry e = t.output();
    HashInfo h = e.object();
    Path p0 = t.path();
    EntryHash early = null;
    if (h != null && h.isDir() && !h.isLegacy() && e.cache() && Files.isDirectory(p0) && odb.check(h)) {
      // hash the workspace first (through its index: one lstat per file when nothing changed): when
      // it matches, the recorded manifest is the workspace's, and only its objects are left to find
      early = hasher.hash(p0, monitor);
      if (early.value().equals(h.value())) {
        try {
          return objectsPresent(h, odb, hasher.state()) ? null : NOT_IN_CACHE;
        } catch (CorruptObjectException refused) {
          return NOT_IN_CACHE; // a manifest Cairn refuses to read
        }
      }
    }
    if (h != null && e.cache() && !inCache(h, odb)) {
      return NOT_IN_CACHE;
    }
    Path p = t.path();
    if (!Files.exists(p) || hasher.isIgnored(hasher.relativeToRoot(p), Files.isDirectory(p))) {
      return DELETED;
    }
    if (h == null) {
      return MODIFIED;
    }
    if (h.isLegacy() && Files.isDirectory(p)) {
      return hasher.hashDirLegacy(p, monitor).value().equals(h.value()) ? null : MODIFIED;
    }
    EntryHash now = early != null ? early : hasher.hash(p, monitor);
    if (h.isLegacy() && !now.isDir()) {
      String legacy = dev.cairn.hash.Hashing.dos2unixMd5(p, dev.cairn.hash.Hashing.Dos2UnixRule.DVC2);
      return legacy.equals(h.value()) ? null : MODIFIED;
    }
    return now.value().equals(h.value()) ? null : MODIFIED;
  }

  /**
   * Whether every object a DVC 3 {@code .dir} lists is in the cache: answered from the state when
   * the cache's prefix directories did not change since they were last seen complete, else looked
   * up (one listing per prefix directory) and then recorded.
   */
  static boolean objectsPresent(HashInfo dir, ObjectDb odb, StateDb state) throws IOException {
    if (state.objectsPresent(odb, dir)) {
      return true;
    }
    long[] before = odb.prefixMtimes();
    if (!entriesInCache(dir, odb)) {
      return false;
    }
    state.recordObjectsPresent(odb, dir, before);
    return true;
  }

  /**
   * Whether an object and, for a directory, every object of its tree are intact in the cache; false
   * also for a manifest Cairn refuses to read.
   */
  public static boolean inCache(HashInfo h, ObjectDb odb) throws IOException {
    if (!odb.check(h)) {
      return false;
    }
    try {
      return !h.isDir() || entriesInCache(h, odb);
    } catch (CorruptObjectException refused) {
      return false;
    }
  }

  /**
   * Whether every object a {@code .dir} in the cache lists exists, read entry by entry; false when
   * the manifest itself is missing or damaged.
   *
   * @throws CorruptObjectException ("Refusing ...") for a manifest whose bytes are intact but whose
   *     entries Cairn refuses (unsafe relpaths, over the limits)
   */
  static boolean entriesInCache(HashInfo dir, ObjectDb odb) throws IOException {
    String name = dir.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
    try (ManifestReader r = odb.openManifest(dir)) {
      int checked = 0;
      for (Manifest.Entry en = r.next(); en != null; en = r.next()) {
        HashInfo eh = new HashInfo(name, en.md5());
        // many entries: one listing per prefix directory instead of a stat per object
        if (!(++checked > 64 ? odb.existsListed(eh) : odb.check(eh))) {
          return false;
        }
      }
      return true;
    } catch (MissingObjectException ex) {
      return false;
    } catch (CorruptObjectException ex) {
      if (ex.getMessage().startsWith("Refusing")) {
        throw ex;
      }
      return false;
    }
  }
}
