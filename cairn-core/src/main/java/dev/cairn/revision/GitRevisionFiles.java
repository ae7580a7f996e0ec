package dev.cairn.revision;

import dev.cairn.format.CodePointOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The tree of one Git commit as a {@link RevisionFiles}, read through JGit. The repository is
 * borrowed: the caller keeps it open while this view is used and closes it afterwards. Symlinks and
 * submodules read as missing. Each call opens its own reader, so a view may be shared by threads.
 */
final class GitRevisionFiles implements RevisionFiles {
  private final Repository repo;
  private final ObjectId tree;
  private final ObjectId commit;

  /** A view of {@code commit}'s tree in {@code repo}. */
  public GitRevisionFiles(Repository repo, ObjectId commit) throws IOException {
    this.repo = repo;
    this.commit = commit.copy();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      this.tree = c.getTree().copy();
    }
  }

  /** The commit whose tree this view reads. */
  public ObjectId commit() {
    return commit;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    String n = RevisionFiles.normalize(path);
    if (n.isEmpty() || n.startsWith("..")) {
      return Optional.empty();
    }
    try (TreeWalk tw = TreeWalk.forPath(repo, n, tree)) {
      if (tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
        return Optional.empty();
      }
      return Optional.of(repo.open(tw.getObjectId(0)).getBytes(Integer.MAX_VALUE - 8));
    }
  }

  @Override
  public List<String> list(String dir) throws IOException {
    String n = RevisionFiles.normalize(dir);
    List<String> out = new ArrayList<>();
    if (n.startsWith("..")) {
      return out;
    }
    try (TreeWalk tw = new TreeWalk(repo)) {
      if (n.isEmpty()) {
        tw.addTree(tree);
      } else {
        try (TreeWalk sub = TreeWalk.forPath(repo, n, tree)) {
          if (sub == null || !sub.isSubtree()) {
            return out;
          }
          tw.addTree(sub.getObjectId(0));
        }
      }
      tw.setRecursive(true);
      while (tw.next()) {
        if ((tw.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
          out.add(n.isEmpty() ? tw.getPathString() : n + "/" + tw.getPathString());
        }
      }
    }
    out.sort(CodePointOrder.INSTANCE);
    return out;
  }
}
