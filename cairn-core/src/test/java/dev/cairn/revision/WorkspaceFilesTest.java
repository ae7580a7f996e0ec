package dev.cairn.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {
  @TempDir
  Path root;

  private void write(String rel) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, rel);
  }

  @Test
  void listsFilesInCodePointOrderWithoutGitAndDvc() throws Exception {
    write("b.txt");
    write("a/x.json");
    write("a/B.json");
    write(".git/objects/ab/cdef");
    write(".dvc/tmp/exps/run1/dvc.yaml");
    write("sub/.git/HEAD"); // only the root's .git and .dvc are left out, as before
    Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("b.txt"));
    Files.createSymbolicLink(root.resolve("linkdir"), root.resolve("a"));
    WorkspaceFiles ws = new WorkspaceFiles(root);
    assertThat(ws.list("")).containsExactly("a/B.json", "a/x.json", "b.txt", "link.txt", "sub/.git/HEAD");
    assertThat(ws.list("a")).containsExactly("a/B.json", "a/x.json");
    assertThat(ws.list("missing")).isEmpty();
    assertThat(ws.list("../")).isEmpty();
  }

  /** Another process (a queued experiment's run, git) creates and deletes files while exp show lists. */
  @Test
  void filesDeletedDuringTheWalkAreLeftOutInsteadOfFailing() throws Exception {
    write("dvc.yaml");
    AtomicBoolean stop = new AtomicBoolean();
    Thread churn = new Thread(() -> {
      int i = 0;
      while (!stop.get()) {
        for (String dir : new String[] {"data", ".git/objects"}) {
          Path f = root.resolve(dir).resolve("tmp" + (i % 50));
          try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, "x");
            Files.deleteIfExists(root.resolve(dir).resolve("tmp" + ((i + 25) % 50)));
          } catch (java.io.IOException e) {
            // racing with ourselves is fine
          }
        }
        i++;
      }
    });
    churn.start();
    try {
      WorkspaceFiles ws = new WorkspaceFiles(root);
      for (int n = 0; n < 300; n++) {
        assertThat(ws.list("")).contains("dvc.yaml").noneMatch(p -> p.startsWith(".git/"));
      }
    } finally {
      stop.set(true);
      churn.join();
    }
  }
}
