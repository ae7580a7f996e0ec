package dev.cairn.exp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.util.FS;

/**
 * Builds a commit of a work tree's files without touching any index: the files Git tracks (the
 * index, or the tree a temp workspace was checked out from) with their current content, minus the
 * deleted ones, plus every untracked file {@code .gitignore} does not exclude, like {@code git add
 * -A}. DVC outputs are in {@code .gitignore}, so they stay out; {@code dvc.lock}, params and metrics
 * files go in. Ignored untracked directories are never entered ({@code .dvc/cache} is not walked).
 *
 * <p>The index is built in memory ({@link DirCache#newInCore()}) and every object is written with
 * the target repository's {@link ObjectInserter}.
 */
final class WorkspaceSnapshot {
  private WorkspaceSnapshot() {}

  /** The main work tree of {@code git}, its index as the tracked files. */
  static ObjectId commit(Repository git, ObjectId parent, String message, Map<String, byte[]> replace)
      throws IOException {
    DirCache index = git.readDirCache();
    FileTreeIterator wt = new FileTreeIterator(git);
    return commit(git, new DirCacheIterator(index), wt, parent, message, replace);
  }

  /**
   * Another work tree (a temp workspace) whose files were checked out from {@code trackedTree};
   * objects go into {@code git}.
   */
  static ObjectId commit(Repository git, Path workTree, ObjectId trackedTree, ObjectId parent, String message)
      throws IOException {
    FileTreeIterator wt = new FileTreeIterator(workTree.toFile(), FS.DETECTED,
        git.getConfig().get(WorkingTreeOptions.KEY));
    try (ObjectReader reader = git.newObjectReader()) {
      org.eclipse.jgit.treewalk.CanonicalTreeParser tracked = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
      tracked.reset(reader, trackedTree);
      return commit(git, tracked, wt, parent, message, Map.of());
    }
  }

  /**
   * @param replace paths (relative to the work tree, {@code /}-separated) whose content is given
   *     here instead of read from the work tree; added when absent
   */
  private static ObjectId commit(Repository git, AbstractTreeIterator tracked, WorkingTreeIterator wt,
      ObjectId parent, String message, Map<String, byte[]> replace) throws IOException {
    Map<String, byte[]> pending = new LinkedHashMap<>(replace);
    DirCache out = DirCache.newInCore();
    DirCacheBuilder builder = out.builder();
    try (ObjectInserter ins = git.newObjectInserter(); ObjectReader reader = git.newObjectReader();
        TreeWalk tw = new TreeWalk(git, reader)) {
      tw.addTree(tracked);
      tw.addTree(wt);
      tw.setRecursive(false);
      while (tw.next()) {
        AbstractTreeIterator t = tw.getTree(0, AbstractTreeIterator.class);
        WorkingTreeIterator f = tw.getTree(1, WorkingTreeIterator.class);
        String path = tw.getPathString();
        if (tw.isSubtree()) {
          if (t != null || f != null && !f.isEntryIgnored()) {
            tw.enterSubtree();
          }
          continue;
        }
        if (path.equals(".git") || path.endsWith("/.git")) {
          continue;
        }
        byte[] given = pending.remove(path);
        if (given != null) {
          FileMode mode = f != null && f.getEntryFileMode() == FileMode.EXECUTABLE_FILE ? FileMode.EXECUTABLE_FILE
              : FileMode.REGULAR_FILE;
          add(builder, path, mode, ins.insert(Constants.OBJ_BLOB, given));
          continue;
        }
        if (f == null) {
          continue; // deleted from the work tree (or only a directory there now)
        }
        if (t == null && f.isEntryIgnored()) {
          continue;
        }
        FileMode mode = f.getEntryFileMode();
        if (mode == FileMode.GITLINK || mode == FileMode.TREE || mode == FileMode.MISSING) {
          if (t != null && t.getEntryFileMode() == FileMode.GITLINK) {
            add(builder, path, FileMode.GITLINK, t.getEntryObjectId());
          }
          continue;
        }
        ObjectId id;
        if (t instanceof DirCacheIterator dci && dci.getDirCacheEntry() != null
            && !f.isModified(dci.getDirCacheEntry(), true, reader)) {
          id = dci.getEntryObjectId();
        } else {
          try (InputStream in = f.openEntryStream()) {
            id = ins.insert(Constants.OBJ_BLOB, f.getEntryContentLength(), in);
          }
        }
        add(builder, path, mode, id);
      }
      for (Map.Entry<String, byte[]> e : pending.entrySet()) {
        add(builder, e.getKey(), FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, e.getValue()));
      }
      builder.finish();
      ObjectId tree = out.writeTree(ins);
      CommitBuilder c = new CommitBuilder();
      PersonIdent who = new PersonIdent(git);
      c.setAuthor(who);
      c.setCommitter(who);
      c.setParentId(parent);
      c.setTreeId(tree);
      c.setMessage(message);
      ObjectId id = ins.insert(c);
      ins.flush();
      return id;
    }
  }

  private static void add(DirCacheBuilder b, String path, FileMode mode, ObjectId id) {
    DirCacheEntry e = new DirCacheEntry(path);
    e.setFileMode(mode);
    e.setObjectId(id);
    b.add(e);
  }
}
