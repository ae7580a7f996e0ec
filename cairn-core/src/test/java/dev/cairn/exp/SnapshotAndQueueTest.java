package dev.cairn.exp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory workspace commit and the stash-like queue, against real Git repositories. */
class SnapshotAndQueueTest {
  @TempDir Path dir;

  private void write(String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private static Map<String, String> modes(Repository git, ObjectId commit) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (RevWalk rw = new RevWalk(git); TreeWalk tw = new TreeWalk(git)) {
      tw.addTree(rw.parseCommit(commit).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        String text = new String(git.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        out.put(tw.getPathString(), (tw.getFileMode(0) == FileMode.EXECUTABLE_FILE ? "x:" : "") + text);
      }
    }
    return out;
  }

  @Test
  void snapshotIsLikeGitAddAllWithoutTouchingTheIndex() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      write(".gitignore", "/out\n*.bin\n");
      write("keep.txt", "a\n");
      write("gone.txt", "b\n");
      write("run.sh", "echo\n");
      git.add().addFilepattern(".").call();
      RevCommit base = git.commit().setMessage("base").setAuthor("t", "t@e").setCommitter("t", "t@e").call();
      byte[] index = Files.readAllBytes(git.getRepository().getIndexFile().toPath());

      write("keep.txt", "changed\n");
      Files.delete(dir.resolve("gone.txt"));
      Files.setPosixFilePermissions(dir.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
      write("new/metrics.json", "{}\n");
      write("out/big", "ignored dir\n");
      write("model.bin", "ignored file\n");
      ObjectId c = WorkspaceSnapshot.commit(git.getRepository(), base, "msg", Map.of("params.yaml", "C: 2\n".getBytes()));

      assertThat(modes(git.getRepository(), c)).containsExactly(
          Map.entry(".gitignore", "/out\n*.bin\n"), Map.entry("keep.txt", "changed\n"),
          Map.entry("new/metrics.json", "{}\n"), Map.entry("params.yaml", "C: 2\n"), Map.entry("run.sh", "x:echo\n"));
      try (RevWalk rw = new RevWalk(git.getRepository())) {
        RevCommit rc = rw.parseCommit(c);
        assertThat(rc.getParents()).containsExactly(base);
        assertThat(rc.getFullMessage()).isEqualTo("msg");
      }
      assertThat(Files.readAllBytes(git.getRepository().getIndexFile().toPath())).isEqualTo(index);
      assertThat(git.getRepository().resolve("HEAD")).isEqualTo(base);
    }
  }

  @Test
  void queueKeepsEntriesInTheReflogAndDropsAnyOne() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      write("a", "a");
      git.add().addFilepattern(".").call();
      Repository r = git.getRepository();
      String base = git.commit().setMessage("base").setAuthor("t", "t@e").setCommitter("t", "t@e").call().getName();
      ExpQueue q = new ExpQueue(r, ExpRef.CELERY_STASH);
      ObjectId[] ids = new ObjectId[3];
      for (int i = 0; i < 3; i++) {
        ids[i] = WorkspaceSnapshot.commit(r, ObjectId.fromString(base), "e" + i, Map.of("p", ("" + i).getBytes()));
        q.push(new ExpQueue.Entry(ids[i], base, base, "e" + i));
      }
      assertThat(q.list()).extracting(ExpQueue.Entry::name).containsExactly("e0", "e1", "e2");
      assertThat(r.exactRef(ExpRef.CELERY_STASH).getObjectId()).isEqualTo(ids[2]);
      q.drop(ids[1]);
      assertThat(q.list()).extracting(ExpQueue.Entry::commit).containsExactly(ids[0], ids[2]);
      assertThat(git.reflog().setRef(ExpRef.CELERY_STASH).call()).extracting(e -> e.getNewId())
          .containsExactly(ids[2], ids[0]);
      q.drop(ids[2]);
      assertThat(r.exactRef(ExpRef.CELERY_STASH).getObjectId()).isEqualTo(ids[0]);
      q.drop(ids[0]);
      assertThat(q.list()).isEmpty();
      assertThat(r.exactRef(ExpRef.CELERY_STASH)).isNull();
      // lines DVC would not write are skipped
      assertThat(ExpQueue.parse("garbage")).isEmpty();
    }
  }
}
