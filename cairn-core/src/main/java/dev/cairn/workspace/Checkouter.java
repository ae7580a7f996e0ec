package dev.cairn.workspace;

import dev.cairn.format.CodePointOrder;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.hash.Md5Set;
import dev.cairn.odb.CorruptObjectException;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ManifestReader;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.odb.ObjectDb;
import dev.cairn.odb.PreparedCopy;
import dev.cairn.odb.TempFiles;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.progress.ProgressMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Restores outputs from the cache (dvc-format.md §6.3). Planned first, applied second: without
 * {@code force} nothing is written when any workspace content that is not in the cache would be
 * overwritten or deleted. Every manifest path is checked to stay inside its directory, and parents
 * that are symlinks are refused, so nothing is ever written outside the workspace.
 *
 * <p>A directory is checked out as a stream: its manifest (read entry by entry) is merged with a
 * walk of the workspace directory through its index, once to plan and once to apply, so memory does
 * not grow with the number of files. The files it writes go into the directory's index as they are
 * placed, with the stat data of each, so the next {@code status} reads none of them.
 */
public final class Checkouter {
  private final Path root;
  private final ObjectDb odb;
  private final WorkspaceHasher hasher;
  private final List<LinkType> linkTypes;
  private final boolean force;
  private final boolean relink;
  /** Directories found not to be symlinks while planning (with their parents): one lstat each per plan. */
  private final Set<Path> parentsChecked = new HashSet<>();
  private java.util.Map<Path, PreparedCopy> prepared = java.util.Map.of();

  /** What a checkout did. Paths are repo-relative; directories end with {@code /}. */
  public record Changes(List<String> added, List<String> modified, List<String> deleted, List<String> failed) {}

  /** Checkout would destroy content that is not in the cache. */
  public static final class ConflictException extends IOException {
    public ConflictException(String message) {
      super(message);
    }
  }

  /** A manifest or output path would leave the workspace. */
  public static final class UnsafePathException extends IOException {
    public UnsafePathException(String message) {
      super(message);
    }
  }

  public Checkouter(Path root, ObjectDb odb, WorkspaceHasher hasher, List<LinkType> linkTypes, boolean force, boolean relink) {
    this.root = root;
    this.odb = odb;
    this.hasher = hasher;
    this.linkTypes = linkTypes;
    this.force = force;
    this.relink = relink;
  }

  /** One single-file output to place. */
  private record Action(Path dest, HashInfo hash, boolean exec) {}

  /** A directory output to apply: whether something is in the way of the directory itself. */
  private record DirJob(Tracked output, HashInfo hash, boolean replaceNonDir) {}

  /** Conflicts: the first few named, all counted. */
  private static final class Conflicts {
    final List<String> shown = new ArrayList<>();
    int count;

    void add(String what) {
      if (shown.size() < 5) {
        shown.add(what);
      }
      count++;
    }
  }

  /**
   * Copies already written (by a pull, while their objects downloaded), by destination: a file to
   * be copied from the cache to such a destination is renamed into place instead, when its hash is
   * the copy's. Each one used is removed from the map; the caller deletes the rest. The link types
   * must start with a copy (after an unreachable reflink).
   */
  public Checkouter usePrepared(java.util.Map<Path, PreparedCopy> copies) {
    this.prepared = copies;
    return this;
  }

  /** Checks out the given outputs. */
  public Changes checkout(List<Tracked> outputs, ProgressMonitor monitor) throws IOException {
    List<String> added = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Conflicts conflicts = new Conflicts();
    List<Action> actions = new ArrayList<>();
    List<DirJob> dirs = new ArrayList<>();
    parentsChecked.clear();
    for (Tracked t : outputs) {
      OutputEntry e = t.output();
      HashInfo h = e.object();
      Path p = t.path();
      checkInside(p, t.owner());
      if (h == null || !e.cache()) {
        continue;
      }
      boolean existed = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
      if (h.isDir()) {
        boolean inCache;
        try {
          inCache = odb.check(h) && dirObjectsPresent(h);
        } catch (CorruptObjectException ce) {
          throw refused(ce, p, t);
        }
        if (!inCache) {
          failed.add(rel(p) + "/");
          continue;
        }
        DirPlan plan = planDir(p, h, conflicts, monitor, t);
        if (plan.changes()) {
          dirs.add(new DirJob(t, h, plan.replaceNonDir));
          (existed ? modified : added).add(rel(p) + "/");
        }
      } else {
        if (!odb.check(h)) {
          failed.add(rel(p));
          continue;
        }
        int before = actions.size();
        planFile(p, h, e.isExec(), actions, conflicts);
        if (actions.size() > before) {
          (existed ? modified : added).add(rel(p));
        }
      }
    }
    if (conflicts.count > 0 && !force) {
      throw new ConflictException("Checkout would overwrite or delete changes that are not in the cache: "
          + String.join(", ", conflicts.shown)
          + (conflicts.count > 5 ? " and " + (conflicts.count - 5) + " more" : "")
          + "; commit them with 'cairn commit' or 'cairn add', or use --force to discard them");
    }
    sweepStaleTemps(outputs);
    monitor.beginTask("Checking out", ProgressMonitor.UNKNOWN);
    for (DirJob d : dirs) {
      applyDir(d, deleted, monitor);
    }
    StateDb state = hasher.state();
    for (Action a : actions) {
      if (Files.isDirectory(a.dest, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(a.dest);
      }
      Files.createDirectories(a.dest.getParent());
      // the file's hash is the recorded one: remembered in the state (as DVC does after a checkout),
      // so the next status or checkout does not read it again. Only for DVC 3 md5 entries placed from
      // a trusted (0444) object; the stamp is taken from the temp file before its rename.
      boolean remember = !a.hash.isLegacy();
      PreparedCopy ready = a.exec || prepared.isEmpty() ? null : prepared.get(a.dest);
      ObjectPlacer.Placed placed;
      if (ready != null && ready.hash().equals(a.hash)) {
        prepared.remove(a.dest);
        placed = ObjectPlacer.adopt(ready, a.dest, remember);
      } else {
        placed = ObjectPlacer.place(odb, a.hash, a.dest, linkTypes, a.exec, true, remember);
      }
      if (remember && placed.trusted() && placed.attrs() != null) {
        state.put(a.dest, FileMeta.of(placed.attrs()), a.hash.value(), false);
      }
      monitor.update(1);
    }
    monitor.endTask();
    if (!failed.isEmpty()) {
      throw new MissingObjectException(null, "Checkout failed for " + String.join(", ", failed)
          + ": not in the cache; run 'cairn pull' (or 'cairn fetch') first");
    }
    return new Changes(added, modified, deleted, failed);
  }

  private UnsafePathException refused(CorruptObjectException ce, Path p, Tracked t) throws CorruptObjectException {
    if (ce.getMessage().startsWith("Refusing")) {
      return new UnsafePathException(ce.getMessage() + " (output '" + rel(p) + "' of " + t.owner() + ")");
    }
    throw ce;
  }

  /** Whether every object of a directory is present: recorded by the state, or looked up (and recorded). */
  private boolean dirObjectsPresent(HashInfo h) throws IOException {
    if (h.isLegacy()) {
      return OutputStatus.entriesInCache(h, odb);
    }
    try {
      return OutputStatus.objectsPresent(h, odb, hasher.state());
    } catch (MissingObjectException e) {
      return false;
    }
  }

  /**
   * Deletes the hidden temp files a killed checkout or pull left beside single-file outputs
   * ({@code .cairn-<hex>.tmp}; a pull writes one during a whole download). Run under the repository
   * lock, so no other writer's temp file can be there; this run's prepared copies are kept. Those
   * inside a directory output are removed by its plan.
   */
  private void sweepStaleTemps(List<Tracked> outputs) throws IOException {
    Set<Path> keep = new HashSet<>();
    for (PreparedCopy c : prepared.values()) {
      keep.add(c.temp());
    }
    Set<Path> swept = new HashSet<>();
    for (Tracked t : outputs) {
      HashInfo h = t.output().object();
      Path parent = t.path().getParent();
      if (h == null || h.isDir() || parent == null || !swept.add(parent)) {
        continue;
      }
      try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(parent, ".cairn-*.tmp")) {
        for (Path f : ds) {
          if (TempFiles.isWorkspaceTemp(f.getFileName().toString()) && !keep.contains(f)
              && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(f);
          }
        }
      } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e2) {
        // no directory yet: nothing left in it
      }
    }
  }

  private void planFile(Path p, HashInfo h, boolean exec, List<Action> actions, Conflicts conflicts) throws IOException {
    if (Files.isRegularFile(p)) {
      String now = hasher.hashFile(p).value();
      boolean same = h.isLegacy() ? Hashing.dos2unixMd5(p, Hashing.Dos2UnixRule.DVC2).equals(h.value()) : now.equals(h.value());
      if (same && !relink) {
        return;
      }
      if (!same && !odb.check(HashInfo.md5(now))) {
        conflicts.add(rel(p));
      }
      actions.add(new Action(p, h, exec));
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      conflicts.add(rel(p) + "/");
      actions.add(new Action(p, h, exec));
    } else {
      actions.add(new Action(p, h, exec));
    }
  }

  /** What the plan of a directory found: whether anything is to be done, and whether a non-directory is in its way. */
  private record DirPlan(boolean changes, boolean replaceNonDir) {}

  /**
   * The entries of a manifest, streamed from the cache, in relpath order as DVC and Cairn write them;
   * a manifest out of order is read whole and sorted instead ({@link #sortedCopy}).
   */
  private final class ManifestEntries implements AutoCloseable {
    private final ManifestReader reader;

    ManifestEntries(HashInfo h) throws IOException {
      this.reader = odb.openManifest(h);
    }

    /** The next entry, or null; {@link Unsorted} when the stream turns out not to be in order. */
    Manifest.Entry next() throws IOException {
      Manifest.Entry e = reader.next();
      if (e != null && !reader.sorted()) {
        throw new Unsorted();
      }
      return e;
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }

  /** A manifest not in relpath order: the caller starts again from a sorted copy. */
  private static final class Unsorted extends IOException {
    Unsorted() {
      super("manifest not sorted");
    }
  }

  private DirPlan planDir(Path dir, HashInfo h, Conflicts conflicts, ProgressMonitor monitor, Tracked t)
      throws IOException {
    boolean replaceNonDir = false;
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isRegularFile(dir) && !odb.check(HashInfo.md5(Hashing.md5File(dir)))) {
        conflicts.add(rel(dir));
      }
      replaceNonDir = true;
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      // nothing there yet: every entry is to be placed; only their paths are checked now
      try (ManifestEntries m = entries(h, dir, t)) {
        for (Manifest.Entry e = m.next(); e != null; e = m.next()) {
          safeResolve(dir, e.relpath());
        }
      } catch (Unsorted u) {
        // checked again below from the sorted copy (the plan of a directory that does not exist is that copy)
        for (Manifest.Entry e : sortedCopy(h, dir, t)) {
          safeResolve(dir, e.relpath());
        }
      }
      return new DirPlan(true, replaceNonDir);
    }
    Merge plan = new Merge(dir, h, conflicts, null, null);
    plan.run(monitor, t);
    return new DirPlan(plan.changes || replaceNonDir, replaceNonDir);
  }

  private void applyDir(DirJob job, List<String> deleted, ProgressMonitor monitor) throws IOException {
    Path dir = job.output.path();
    HashInfo h = job.hash;
    if (job.replaceNonDir) {
      deleteTree(dir);
      deleted.add(rel(dir));
    }
    DirIndex.Writer index = h.isLegacy() ? null : hasher.state().dirWriter(dir.toAbsolutePath().normalize());
    try {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        Set<Path> dirsMade = new HashSet<>();
        List<Manifest.Entry> fallback = null;
        try (ManifestEntries m = entries(h, dir, job.output)) {
          try {
            for (Manifest.Entry e = m.next(); e != null; e = m.next()) {
              placeFresh(dir, h, e, dirsMade, index, monitor);
            }
          } catch (Unsorted u) {
            fallback = sortedCopy(h, dir, job.output);
          }
        }
        if (fallback != null) {
          if (index != null) {
            index.close(); // entries placed before the switch are not all in order: no index this time
            index = null;
          }
          for (Manifest.Entry e : fallback) {
            placeFresh(dir, h, e, dirsMade, null, monitor);
          }
        }
      } else {
        Merge apply = new Merge(dir, h, new Conflicts(), index, deleted);
        apply.run(monitor, job.output);
        if (apply.unsortedFallback) {
          index = null; // closed by the merge
        }
      }
      if (index != null) {
        index.finish(java.util.HexFormat.of().parseHex(h.bare()), true);
      }
    } finally {
      if (index != null) {
        index.close();
      }
    }
  }

  private void placeFresh(Path dir, HashInfo h, Manifest.Entry e, Set<Path> dirsMade, DirIndex.Writer index,
      ProgressMonitor monitor) throws IOException {
    Path dest = safeResolve(dir, e.relpath());
    HashInfo want = new HashInfo(h.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5, e.md5());
    // in a fresh directory nothing but what this loop made can be in the way of a file
    if (dirsMade.contains(dest) && Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(dest);
      dirsMade.removeIf(q -> q.startsWith(dest));
    }
    Path parent = dest.getParent();
    if (!dirsMade.contains(parent)) {
      Files.createDirectories(parent);
      for (Path q = parent; q != null && dirsMade.add(q); q = q.getParent()) {
        // its ancestors exist too
      }
    }
    place(dest, want, e.relpath(), index);
    monitor.update(1);
  }

  /** Places one file of a directory and records it in the directory's new index (when given). */
  private void place(Path dest, HashInfo want, String relpath, DirIndex.Writer index) throws IOException {
    boolean remember = index != null && !want.isLegacy();
    ObjectPlacer.Placed placed = ObjectPlacer.place(odb, want, dest, linkTypes, false, true, remember);
    if (remember) {
      // trusted (0444) objects only: their bytes are the hash's
      int flags = placed.trusted() && placed.attrs() != null ? 0 : DirIndex.SMUDGED;
      FileMeta meta = placed.attrs() != null ? FileMeta.of(placed.attrs()) : new FileMeta(0, 0, 0, -1, -1);
      index.add(relpath.getBytes(StandardCharsets.UTF_8), meta, Md5Set.hi(want.value()), Md5Set.lo(want.value()), flags);
    }
  }

  private ManifestEntries entries(HashInfo h, Path dir, Tracked t) throws IOException {
    try {
      return new ManifestEntries(h);
    } catch (CorruptObjectException ce) {
      throw refused(ce, dir, t);
    }
  }

  private List<Manifest.Entry> sortedCopy(HashInfo h, Path dir, Tracked t) throws IOException {
    try {
      return odb.readManifest(h).entries();
    } catch (CorruptObjectException ce) {
      throw refused(ce, dir, t);
    }
  }

  /**
   * The workspace directory (walked through its index) merged with the manifest, both in relpath
   * order. Planning ({@code index} and {@code deleted} null) counts what would change and collects
   * conflicts; applying places, replaces and deletes files and writes the new index.
   */
  private final class Merge {
    final Path dir;
    final HashInfo h;
    final Conflicts conflicts;
    final DirIndex.Writer index;
    final List<String> deleted;
    final boolean apply;
    final String entryHashName;
    boolean changes;
    boolean unsortedFallback;
    ManifestEntries m;
    Manifest.Entry next;
    Iterator<Manifest.Entry> inMemory;

    Merge(Path dir, HashInfo h, Conflicts conflicts, DirIndex.Writer index, List<String> deleted) {
      this.dir = dir;
      this.h = h;
      this.conflicts = conflicts;
      this.index = index;
      this.deleted = deleted;
      this.apply = deleted != null;
      this.entryHashName = h.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
    }

    void run(ProgressMonitor monitor, Tracked t) throws IOException {
      try (ManifestEntries entries = entries(h, dir, t)) {
        m = entries;
        try {
          next = m.next();
          walk(monitor);
        } catch (Unsorted u) {
          if (apply && changes) {
            throw new IOException("Manifest " + h + " is not sorted and checkout of " + rel(dir)
                + " had begun; run the command again");
          }
          unsortedFallback = true;
        }
      }
      if (unsortedFallback) {
        // a manifest DVC or Cairn did not write: read whole, sorted, and merged the same way
        if (index != null) {
          index.close();
        }
        inMemory = sortedCopy(h, dir, t).iterator();
        m = null;
        next = inMemory.hasNext() ? inMemory.next() : null;
        changes = false;
        walk(monitor);
      }
    }

    private Manifest.Entry advance() throws IOException {
      if (inMemory != null) {
        return inMemory.hasNext() ? inMemory.next() : null;
      }
      return m.next();
    }

    private void walk(ProgressMonitor monitor) throws IOException {
      DirIndex.Writer writeTo = unsortedFallback ? null : index;
      // when applying, the index is written here (in manifest order, with placed files' new stat
      // data), not by the scan, which would record the files as they were before
      hasher.scanEntries(dir, (rel, file, meta, md5) -> {
        while (next != null && CodePointOrder.INSTANCE.compare(next.relpath(), rel) < 0) {
          missing(next, writeTo);
          next = advance();
        }
        if (next != null && next.relpath().equals(rel)) {
          both(next, file, meta, md5, writeTo);
          next = advance();
        } else {
          extra(rel, file, md5);
        }
      }, apply ? NullProgressMonitor.INSTANCE : monitor, !apply);
      while (next != null) {
        missing(next, writeTo);
        next = advance();
      }
    }

    /** In the manifest, not in the workspace. */
    private void missing(Manifest.Entry e, DirIndex.Writer writeTo) throws IOException {
      Path dest = safeResolve(dir, e.relpath());
      changes = true;
      if (!apply) {
        if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
          conflicts.add(rel(dest) + "/");
        }
        return;
      }
      if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(dest);
      }
      Files.createDirectories(dest.getParent());
      place(dest, new HashInfo(entryHashName, e.md5()), e.relpath(), writeTo);
    }

    /** In both: the same content, or replaced. */
    private void both(Manifest.Entry e, Path file, FileMeta meta, String md5, DirIndex.Writer writeTo) throws IOException {
      Path dest = safeResolve(dir, e.relpath());
      boolean same = h.isLegacy()
          ? Hashing.dos2unixMd5(dest, Hashing.Dos2UnixRule.DVC2).equals(e.md5()) : md5.equals(e.md5());
      if (same && !relink) {
        if (writeTo != null) {
          writeTo.add(e.relpath().getBytes(StandardCharsets.UTF_8), meta, Md5Set.hi(md5), Md5Set.lo(md5), 0);
        }
        return;
      }
      changes = true;
      if (!apply) {
        if (!same && !odb.check(HashInfo.md5(md5))) {
          conflicts.add(rel(dest));
        }
        return;
      }
      place(dest, new HashInfo(entryHashName, e.md5()), e.relpath(), writeTo);
    }

    /** In the workspace, not in the manifest: deleted. */
    private void extra(String relpath, Path file, String md5) throws IOException {
      changes = true;
      if (!apply) {
        // the temp file of a checkout that was killed before its rename: ours, not the user's
        boolean stale = TempFiles.isWorkspaceTemp(file.getFileName().toString());
        if (!stale && !odb.check(HashInfo.md5(md5))) {
          conflicts.add(rel(file));
        }
        return;
      }
      Files.deleteIfExists(file);
      deleted.add(rel(file));
    }
  }

  /** Resolves a manifest relpath under {@code dir}, refusing escapes and symlinked parents. */
  Path safeResolve(Path dir, String relpath) throws IOException {
    Path dest = dir.resolve(relpath).normalize();
    if (!dest.startsWith(dir) || dest.equals(dir)) {
      throw new UnsafePathException("Refusing manifest entry '" + relpath + "' of " + rel(dir)
          + ": it points outside the directory");
    }
    for (Path q = dest.getParent(); q != null && q.startsWith(root) && !q.equals(root); q = q.getParent()) {
      if (parentsChecked.contains(q)) {
        break; // checked in this plan, with all its parents
      }
      if (Files.isSymbolicLink(q)) {
        throw new UnsafePathException("Refusing to write " + rel(dest) + ": its parent " + rel(q)
            + " is a symlink");
      }
    }
    for (Path q = dest.getParent(); q != null && q.startsWith(root) && !q.equals(root) && parentsChecked.add(q); q = q.getParent()) {
      // remembered only once the whole chain passed
    }
    return dest;
  }

  private void checkInside(Path p, String owner) throws IOException {
    Path n = p.toAbsolutePath().normalize();
    if (!n.startsWith(root) || n.equals(root) || n.startsWith(root.resolve(".dvc")) || n.startsWith(root.resolve(".git"))) {
      throw new UnsafePathException("Refusing output '" + p + "' of " + owner + ": it is outside the workspace"
          + " or inside .dvc/.git");
    }
    for (Path q = n.getParent(); q != null && !q.equals(root); q = q.getParent()) {
      if (Files.isSymbolicLink(q)) {
        throw new UnsafePathException("Refusing output '" + rel(n) + "' of " + owner + ": its parent " + rel(q)
            + " is a symlink");
      }
    }
  }

  private String rel(Path p) {
    return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  static void deleteTree(Path p) throws IOException {
    dev.cairn.internal.FileTrees.delete(p);
  }
}
