package dev.cairn.workspace;

import dev.cairn.hash.EntryHash;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Manifest;
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
      // hash the workspace first: when it matches, its manifest is the recorded one, so the
      // cached .dir need not be parsed again to check the entries (same verdicts, same order)
      PathHash dir = hasher.hashDir(p0, monitor);
      early = dir.hash();
      if (early.value().equals(h.value())) {
        return entriesInCache(dir.manifest(), HashInfo.MD5, odb) ? null : NOT_IN_CACHE;
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

  /** Whether an object and, for a directory, every object of its tree are intact in the cache. */
  public static boolean inCache(HashInfo h, ObjectDb odb) throws IOException {
    if (!odb.check(h)) {
      return false;
    }
    if (!h.isDir()) {
      return true;
    }
    Manifest m;
    try {
      m = odb.readManifest(h);
    } catch (IOException ex) {
      return false;
    }
    return entriesInCache(m, h.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5, odb);
  }

  static boolean entriesInCache(Manifest m, String name, ObjectDb odb) throws IOException {
    boolean bulk = m.entries().size() > 64;
    for (Manifest.Entry en : m.entries()) {
      HashInfo eh = new HashInfo(name, en.md5());
      // many entries: one listing per prefix directory instead of a stat per object
      if (!(bulk ? odb.existsListed(eh) : odb.check(eh))) {
        return false;
      }
    }
    return true;
  }
}
