package dev.cairn.exp;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The Git half of {@code exp apply}: makes the work tree's Git-tracked files those of an experiment
 * commit without moving HEAD or touching the index, so the experiment shows as uncommitted changes
 * on top of the baseline. Only the files that differ between HEAD and the experiment are written
 * (each atomically, temp file + rename) or deleted. HEAD's commit is saved in {@value
 * ExpRef#APPLY_HEAD}, as DVC does. The DVC half (checking out outputs) is the caller's.
 */
public final class ExpApplier {
  private ExpApplier() {}

  /**
   * What was changed in the work tree.
   *
   * @param written paths written (Git-relative, {@code /}-separated)
   * @param deleted paths deleted
   */
  public record Result(List<String> written, List<String> deleted) {
    public Result {
      written = List.copyOf(written);
      deleted = List.copyOf(deleted);
    }
  }

  private record Change(String path, ObjectId blob, FileMode mode, ObjectId headBlob) {}

  private record Previous(Path path, byte[] content, boolean executable) {}

  /**
   * An applied experiment: what changed, and how to put the work tree back as it was (when the DVC
   * half fails afterwards).
   */
  public static final class Applied {
    private final Result result;
    private final List<Previous> previous;

    private Applied(Result result, List<Previous> previous) {
      this.result = result;
      this.previous = previous;
    }

    /** The files written and deleted. */
    public Result result() {
      return result;
    }

    /** Restores every written or deleted file to its content before {@link #apply}; best effort. */
    public void undo() throws IOException {
      for (Previous p : previous) {
        if (p.content() == null) {
          Files.deleteIfExists(p.path());
        } else {
          writeAtomically(p.path(), p.content(), p.executable());
        }
      }
    }
  }

  /**
   * Applies {@code exp}'s files.
   *
   * @param force overwrite uncommitted changes to the files the experiment changes
   * @throws CairnException (unexpected state) naming the files whose uncommitted changes would be
   *     lost, before anything is written
   */
  public static Applied apply(Repository git, ObjectId exp, boolean force) throws CairnException, IOException {
    ObjectId head = ExpGit.head(git);
    Path work = git.getWorkTree().toPath();
    List<Change> changes = new ArrayList<>();
    try (RevWalk walk = new RevWalk(git); TreeWalk tw = new TreeWalk(git)) {
      RevCommit h = walk.parseCommit(head);
      RevCommit e = walk.parseCommit(exp);
      tw.addTree(h.getTree());
      tw.addTree(e.getTree());
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      while (tw.next()) {
        FileMode em = tw.getFileMode(1);
        boolean expFile = em.getObjectType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB && em != FileMode.SYMLINK;
        boolean headFile = tw.getFileMode(0).getObjectType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB;
        if (!expFile && !headFile) {
          continue;
        }
        changes.add(new Change(tw.getPathString(), expFile ? tw.getObjectId(1) : null, em,
            headFile ? tw.getObjectId(0) : null));
      }
    }
    if (!force) {
      List<String> conflicts = new ArrayList<>();
      for (Change c : changes) {
        Path p = work.resolve(c.path());
        if (!Files.isRegularFile(p)) {
          continue; // missing (or a directory): nothing of the user's to lose in a file
        }
        byte[] cur = Files.readAllBytes(p);
        boolean equalsHead = c.headBlob() != null && Arrays.equals(cur, bytes(git, c.headBlob()));
        boolean equalsExp = c.blob() != null && Arrays.equals(cur, bytes(git, c.blob()));
        if (!equalsHead && !equalsExp) {
          conflicts.add(c.path());
        }
      }
      if (!conflicts.isEmpty()) {
        throw CairnException.unexpectedState("exp apply would overwrite uncommitted changes to "
            + String.join(", ", conflicts) + "; commit or stash them, or use --force");
      }
    }
    RefUpdate ru = git.updateRef(ExpRef.APPLY_HEAD);
    ru.setNewObjectId(head);
    ru.setForceUpdate(true);
    ru.disableRefLog();
    RefUpdate.Result rr = ru.update();
    if (rr != RefUpdate.Result.NEW && rr != RefUpdate.Result.FORCED && rr != RefUpdate.Result.NO_CHANGE) {
      throw CairnException.failed("Cannot save " + ExpRef.APPLY_HEAD + ": " + rr, null);
    }
    List<String> written = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    List<Previous> previous = new ArrayList<>();
    for (Change c : changes) {
      Path p = work.resolve(c.path());
      byte[] before = Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
      boolean wasExec = before != null && Files.isExecutable(p);
      if (c.blob() == null) {
        if (Files.deleteIfExists(p)) {
          deleted.add(c.path());
          previous.add(new Previous(p, before, wasExec));
        }
        continue;
      }
      byte[] content = bytes(git, c.blob());
      if (before != null && Arrays.equals(before, content) && wasExec == (c.mode() == FileMode.EXECUTABLE_FILE)) {
        continue;
      }
      previous.add(new Previous(p, before, wasExec));
      writeAtomically(p, content, c.mode() == FileMode.EXECUTABLE_FILE);
      written.add(c.path());
    }
    return new Applied(new Result(written, deleted), previous);
  }

  private static byte[] bytes(Repository git, ObjectId blob) throws IOException {
    return git.open(blob).getBytes(Integer.MAX_VALUE - 8);
  }

  static void writeAtomically(Path p, byte[] content, boolean executable) throws IOException {
    Files.createDirectories(p.getParent());
    Path tmp = Files.createTempFile(p.getParent(), "." + p.getFileName(), ".cairn-tmp");
    try {
      Files.write(tmp, content);
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> perms = Files.exists(p) ? new HashSet<>(Files.getPosixFilePermissions(p))
            : new HashSet<>(PosixFilePermissions.fromString("rw-r--r--"));
        perms.add(PosixFilePermission.OWNER_WRITE);
        perms.add(PosixFilePermission.OWNER_READ);
        for (PosixFilePermission x : List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_EXECUTE)) {
          perms.remove(x);
        }
        if (executable) {
          perms.add(PosixFilePermission.OWNER_EXECUTE);
          perms.add(PosixFilePermission.GROUP_EXECUTE);
          perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(tmp, perms);
      }
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
