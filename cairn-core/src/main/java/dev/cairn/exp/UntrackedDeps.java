package dev.cairn.exp;

import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.Stage;
import dev.cairn.repo.Repo;
import dev.cairn.repro.PipelineIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Brings into a temp experiment workspace the stage dependencies that neither Git nor DVC carries
 * there: files the user's {@code .gitignore} excludes and no stage produces (a jar built by the
 * project's build tool, say). DVC's queue leaves them behind and its runs fail with a missing
 * dependency; here they are copied from the user's workspace, as they are at the time of the run.
 */
final class UntrackedDeps {
  private UntrackedDeps() {}

  /**
   * Copies each missing dependency of {@code temp}'s pipeline from {@code source}.
   *
   * @return the repo-relative paths copied
   */
  static List<String> copy(Path source, Repo temp) throws IOException, PipelineException {
    Path root = temp.root();
    PipelineIndex index = PipelineIndex.load(temp);
    List<String> produced = new ArrayList<>();
    Set<String> deps = new LinkedHashSet<>();
    for (Stage s : index.dag().stages()) {
      for (Out o : s.outs()) {
        produced.add(s.repoPath(o.path()));
      }
      for (String d : s.deps()) {
        if (!d.contains("://") && !Path.of(d).isAbsolute()) {
          deps.add(s.repoPath(d));
        }
      }
    }
    List<String> copied = new ArrayList<>();
    for (String d : deps) {
      if (produced.stream().anyMatch(o -> o.equals(d) || d.startsWith(o + "/") || o.startsWith(d + "/"))) {
        continue;
      }
      Path target = root.resolve(d).normalize();
      Path from = source.resolve(d).normalize();
      if (!target.startsWith(root) || !from.startsWith(source) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)
          || !Files.exists(from, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(from)) {
        continue;
      }
      copyTree(from, target);
      copied.add(d);
    }
    return copied;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(to.getParent());
      Path tmp = to.resolveSibling("." + to.getFileName() + ".cairn-copy.tmp");
      try {
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return;
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          copyTree(p, to.resolve(from.relativize(p).toString()));
        }
      }
    }
  }
}
