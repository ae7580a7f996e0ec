package dev.cairn.workspace;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.odb.ObjectDb;
import dev.cairn.odb.PreparedCopy;
import dev.cairn.odb.TempFiles;
import dev.cairn.progress.ProgressMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Restores outputs from the cache (dvc-format.md §6.3). Planned first, applied second: without
 * {@code force} nothing is written when any workspace content that is not in the cache would be
 * overwritten or deleted. Every manifest path is checked to stay inside its directory, and parents
 * that are symlinks are refused, so nothing is ever written outside the workspace.
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

  /**
   * One file to place. {@code fresh}: planned under a directory that did not exist, so nothing can
   * be in the way (no check for a directory at {@code dest} before the write).
   */
  private record Action(Path dest, HashInfo hash, boolean exists, boolean exec, boolean fresh) {
    Action(Path dest, HashInfo hash, boolean exists, boolean exec) {
      this(dest, hash, exists, exec, false);
    }
  }

  /** Checks out the given outputs. */
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

  public Changes checkout(List<Tracked> outputs, ProgressMonitor monitor) throws IOException {
    List<String> added = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    List<Action> actions = new ArrayList<>();
    List<Path> removals = new ArrayList<>();
    parentsChecked.clear();
    for (Tracked t : outputs) {
      OutputEntry e = t.output();
      HashInfo h = e.object();
      Path p = t.path();
      checkInside(p, t.owner());
      if (h == null || !e.cache()) {
        continue;
      }
      Manifest manifest = null; // read (and verified) once, for the cache check and the plan
      if (h.isDir() && odb.exists(h)) {
        try {
          manifest = odb.readManifest(h);
        } catch (dev.cairn.odb.CorruptObjectException ce) {
          if (ce.getMessage().startsWith("Refusing")) {
            throw new UnsafePathException(ce.getMessage() + " (output '" + rel(p) + "' of " + t.owner() + ")");
          }
        }
      }
      boolean inCache = h.isDir()
          ? odb.check(h) && manifest != null
              && OutputStatus.entriesInCache(manifest, h.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5, odb)
          : odb.check(h);
      if (!inCache) {
        failed.add(rel(p) + (h.isDir() ? "/" : ""));
        continue;
      }
      int before = actions.size();
      boolean existed = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
      if (h.isDir()) {
        planDir(p, h, manifest, actions, removals, conflicts, monitor);
      } else {
        planFile(p, h, e.isExec(), actions, conflicts);
      }
      if (actions.size() > before || !removals.isEmpty()) {
        (existed ? modified : added).add(rel(p) + (h.isDir() ? "/" : ""));
      }
    }
    if (!conflicts.isEmpty() && !force) {
      throw new ConflictException("Checkout would overwrite or delete changes that are not in the cache: "
          + String.join(", ", conflicts.subList(0, Math.min(5, conflicts.size())))
          + (conflicts.size() > 5 ? " and " + (conflicts.size() - 5) + " more" : "")
          + "; commit them with 'cairn commit' or 'cairn add', or use --force to discard them");
    }
    sweepStaleTemps(outputs);
    monitor.beginTask("Checking out", actions.size());
    for (Path r : removals) {
      deleteTree(r);
      deleted.add(rel(r));
    }
    StateDb state = hasher.state();
    // directories made (or found) by this loop, with their ancestors: one mkdir per directory instead
    // of one per file. In a fresh directory nothing but these can be in the way of a file.
    Set<Path> dirsMade = new HashSet<>();
    for (Action a : actions) {
      if ((!a.fresh || dirsMade.contains(a.dest)) && Files.isDirectory(a.dest, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(a.dest);
        dirsMade.removeIf(q -> q.startsWith(a.dest));
      }
      Path parent = a.dest.getParent();
      if (!dirsMade.contains(parent)) {
        Files.createDirectories(parent);
        for (Path q = parent; q != null && dirsMade.add(q); q = q.getParent()) {
          // its ancestors exist too
        }
      }
      // the file's hash is the manifest's: remembered in the state (as DVC does after a checkout), so
      // the next status or checkout does not read it again. Only for DVC 3 md5 entries placed from a
      // trusted (0444) object; the stamp is taken from the temp file before its rename.
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
        state.put(a.dest.toAbsolutePath().normalize().toString(), FileStamp.of(placed.attrs()), a.hash.value());
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

  private void planFile(Path p, HashInfo h, boolean exec, List<Action> actions, List<String> conflicts) throws IOException {
    if (Files.isRegularFile(p)) {
      String now = hasher.hashFile(p).value();
      boolean same = h.isLegacy() ? Hashing.dos2unixMd5(p, Hashing.Dos2UnixRule.DVC2).equals(h.value()) : now.equals(h.value());
      if (same && !relink) {
        return;
      }
      if (!same && !odb.check(HashInfo.md5(now))) {
        conflicts.add(rel(p));
      }
      actions.add(new Action(p, h, true, exec));
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      conflicts.add(rel(p) + "/");
      actions.add(new Action(p, h, true, exec));
    } else {
      actions.add(new Action(p, h, false, exec));
    }
  }

  private void planDir(Path dir, HashInfo h, Manifest read, List<Action> actions, List<Path> removals,
      List<String> conflicts, ProgressMonitor monitor) throws IOException {
    Manifest m = read != null ? read : odb.readManifest(h);
    String entryHashName = h.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isRegularFile(dir) && !odb.check(HashInfo.md5(Hashing.md5File(dir)))) {
        conflicts.add(rel(dir));
      }
      removals.add(dir);
    }
    Set<String> wanted = new HashSet<>();
    java.util.Map<String, Path> present = new java.util.HashMap<>();
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      PathHash now = hasher.hashDir(dir, monitor);
      present.putAll(now.files());
      java.util.Map<String, String> nowMd5 = new java.util.HashMap<>();
      for (Manifest.Entry e : now.manifest().entries()) {
        nowMd5.put(e.relpath(), e.md5());
      }
      for (Manifest.Entry e : m.entries()) {
        wanted.add(e.relpath());
        Path dest = safeResolve(dir, e.relpath());
        String cur = nowMd5.get(e.relpath());
        HashInfo want = new HashInfo(entryHashName, e.md5());
        if (cur != null) {
          boolean same = h.isLegacy()
              ? Hashing.dos2unixMd5(dest, Hashing.Dos2UnixRule.DVC2).equals(e.md5()) : cur.equals(e.md5());
          if (same && !relink) {
            continue;
          }
          if (!same && !odb.check(HashInfo.md5(cur))) {
            conflicts.add(rel(dest));
          }
          actions.add(new Action(dest, want, true, false));
        } else {
          if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            conflicts.add(rel(dest) + "/");
          }
          actions.add(new Action(dest, want, false, false));
        }
      }
      for (java.util.Map.Entry<String, Path> e : present.entrySet()) {
        if (!wanted.contains(e.getKey())) {
          // the temp file of a checkout that was killed before its rename: ours, not the user's
          boolean stale = TempFiles.isWorkspaceTemp(e.getValue().getFileName().toString());
          if (!stale && !odb.check(HashInfo.md5(nowMd5.get(e.getKey())))) {
            conflicts.add(rel(e.getValue()));
          }
          removals.add(e.getValue());
        }
      }
    } else {
      for (Manifest.Entry e : m.entries()) {
        actions.add(new Action(safeResolve(dir, e.relpath()), new HashInfo(entryHashName, e.md5()), false, false, true));
      }
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
