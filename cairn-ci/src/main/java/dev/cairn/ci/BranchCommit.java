package dev.cairn.ci;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
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
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * A commit on top of {@code HEAD} holding some paths as they are in the working tree, made without
 * touching the index, the working tree or any branch (what {@code git add <paths>; git commit} on a
 * new branch would record): {@code HEAD}'s tree, with every file under the paths that Git does not
 * ignore added or updated, and every file of {@code HEAD} under them that is gone deleted.
 */
final class BranchCommit {
  /** What was committed: the commit, and the files that differ from {@code HEAD}. */
  record Made(RevCommit commit, List<String> changed) {}

  private BranchCommit() {}

  /**
   * Makes the commit, or returns null when the paths hold nothing that differs from {@code HEAD}.
   *
   * @param paths repository-relative paths ({@code /}-separated) of files or directories; {@code ""}
   *     for the whole working tree
   * @throws CairnException exit 2 when a path is neither in the working tree nor in {@code HEAD},
   *     or is a file Git ignores (DVC-tracked data: commit its {@code .dvc} file); exit 3 when
   *     {@code HEAD} has no commit
   */
  static Made make(Repository git, RevCommit head, List<String> paths, PersonIdent who, String message)
      throws CairnException, IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder b = index.builder();
    try (ObjectReader reader = git.newObjectReader()) {
      b.addTree(new byte[0], 0, reader, head.getTree());
    }
    b.finish();

    List<DirCacheEditor.PathEdit> edits = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    try (ObjectInserter ins = git.newObjectInserter(); TreeWalk walk = new TreeWalk(git)) {
      walk.setRecursive(true);
      walk.addTree(new DirCacheIterator(index));
      FileTreeIterator files = new FileTreeIterator(git);
      files.setDirCacheIterator(walk, 0);
      walk.addTree(files);
      if (!paths.contains("")) {
        walk.setFilter(PathFilterGroup.createFromStrings(paths));
      }
      while (walk.next()) {
        String path = walk.getPathString();
        DirCacheIterator inHead = walk.getTree(0, DirCacheIterator.class);
        WorkingTreeIterator inTree = walk.getTree(1, WorkingTreeIterator.class);
        seen.add(path);
        if (inTree != null && inTree.isEntryIgnored() && inHead == null) {
          if (paths.contains(path)) {
            throw CairnException.invalidInput("'" + path + "' is ignored by Git (DVC tracks it: commit its .dvc file "
                + "or dvc.lock instead)");
          }
          continue;
        }
        if (inTree == null) {
          edits.add(new DirCacheEditor.DeletePath(path));
          changed.add(path);
          continue;
        }
        FileMode mode = inTree.getEntryFileMode();
        if (mode == FileMode.GITLINK || mode == FileMode.TREE) {
          continue;
        }
        if (inHead != null && inHead.getEntryFileMode() == mode
            && !inTree.isModified(inHead.getDirCacheEntry(), true, walk.getObjectReader())) {
          continue;
        }
        ObjectId blob;
        long length = inTree.getEntryContentLength();
        try (InputStream in = inTree.openEntryStream()) {
          blob = ins.insert(Constants.OBJ_BLOB, length, in);
        }
        edits.add(new DirCacheEditor.PathEdit(path) {
          @Override
          public void apply(DirCacheEntry e) {
            e.setFileMode(mode);
            e.setObjectId(blob);
            e.setLength(length);
          }
        });
        changed.add(path);
      }
      for (String p : paths) {
        if (!p.isEmpty() && seen.stream().noneMatch(s -> s.equals(p) || s.startsWith(p + "/"))) {
          if (Files.exists(git.getWorkTree().toPath().resolve(p))) {
            // in the working tree but not walked: inside a directory Git ignores
            throw CairnException.invalidInput("'" + p + "' is ignored by Git (DVC tracks it: commit its .dvc file "
                + "or dvc.lock instead)");
          }
          throw CairnException.invalidInput("'" + p + "' is neither in the working tree nor in HEAD: give paths of files "
              + "or directories of the repository");
        }
      }
      if (changed.isEmpty()) {
        return null;
      }
      DirCacheEditor editor = index.editor();
      edits.forEach(editor::add);
      editor.finish();
      ObjectId tree = index.writeTree(ins);
      CommitBuilder c = new CommitBuilder();
      c.setTreeId(tree);
      c.setParentId(head);
      c.setAuthor(who);
      c.setCommitter(who);
      c.setMessage(message);
      ObjectId id = ins.insert(c);
      ins.flush();
      try (RevWalk rw = new RevWalk(git)) {
        return new Made(rw.parseCommit(id), changed);
      }
    }
  }

  /**
   * A path relative to the repository root, {@code /}-separated ({@code ""} for the root itself);
   * refused when it leaves the repository or names {@code .git}.
   */
  static String relative(Path root, Path path) throws CairnException {
    Path abs = path.toAbsolutePath().normalize();
    if (!abs.startsWith(root)) {
      throw CairnException.invalidInput("'" + path + "' is outside the repository " + root);
    }
    String rel = root.relativize(abs).toString().replace('\\', '/');
    if (rel.equals(".git") || rel.startsWith(".git/")) {
      throw CairnException.invalidInput("'" + path + "': give files or directories of the repository, not .git");
    }
    return rel;
  }
}
