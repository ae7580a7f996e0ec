package dev.cairn.api;

import dev.cairn.api.errors.CairnException;
import dev.cairn.lib.StructuredFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The output entries recorded in Git revisions ({@code -a} all branch tips, {@code -T} all tags,
 * {@code -A} every commit reachable from them): every {@code outs} item of every {@code .dvc} file
 * and {@code dvc.lock} under the repository root, read through JGit without touching the
 * workspace. Malformed historical files are skipped. Shared by gc, push, fetch and status -c.
 */
final class GitRevisions {
  private GitRevisions() {}

  /**
   * One output entry of one revision.
   *
   * @param file the {@code .dvc} or {@code dvc.lock} path, relative to the repository root
   * @param entry the raw output map ({@code path}, {@code md5}, {@code hash}, {@code remote} …)
   */
  record RevOutput(String file, Map<?, ?> entry) {
    /** The output's path relative to the repository root, normalised. */
    String outputPath() {
      String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "";
      return Path.of(dir + entry.get("path")).normalize().toString().replace('\\', '/');
    }
  }

  static List<RevOutput> outputs(Path repoRoot, boolean allBranches, boolean allTags, boolean allCommits)
      throws IOException, CairnException {
    return outputs(repoRoot, allBranches, allTags, allCommits, List.of());
  }

  /** As above, plus the outputs recorded in the given {@code commits} (e.g. experiment commits). */
  static List<RevOutput> outputs(Path repoRoot, boolean allBranches, boolean allTags, boolean allCommits,
      List<ObjectId> extraCommits) throws IOException, CairnException {
    List<RevOutput> out = new ArrayList<>();
    if (!allBranches && !allTags && !allCommits && extraCommits.isEmpty()) {
      return out;
    }
    File gitDir = new FileRepositoryBuilder().findGitDir(repoRoot.toFile()).getGitDir();
    if (gitDir == null) {
      throw CairnException.unexpectedState("-a/-T/--all-commits and experiments need a Git repository; " + repoRoot + " has none");
    }
    try (Repository git = new FileRepositoryBuilder().setGitDir(gitDir).build(); RevWalk walk = new RevWalk(git)) {
      Path top = git.getWorkTree().toPath().toAbsolutePath().normalize();
      String prefix = top.relativize(repoRoot.toAbsolutePath().normalize()).toString().replace('\\', '/');
      Set<ObjectId> commits = new LinkedHashSet<>();
      List<Ref> refs = new ArrayList<>();
      if (allBranches || allCommits) {
        refs.addAll(git.getRefDatabase().getRefsByPrefix("refs/heads/"));
      }
      if (allTags || allCommits) {
        refs.addAll(git.getRefDatabase().getRefsByPrefix("refs/tags/"));
      }
      for (Ref r : refs) {
        ObjectId id = git.getRefDatabase().peel(r).getPeeledObjectId();
        commits.add(id != null ? id : r.getObjectId());
      }
      if (allCommits) {
        for (ObjectId start : new ArrayList<>(commits)) {
          try {
            walk.markStart(walk.parseCommit(start));
          } catch (IOException e) {
            // a tag pointing at a non-commit
          }
        }
        for (RevCommit c : walk) {
          commits.add(c.getId());
        }
      }
      commits.addAll(extraCommits);
      Set<ObjectId> seenBlobs = new HashSet<>();
      for (ObjectId id : commits) {
        RevCommit c;
        try {
          c = walk.parseCommit(id);
        } catch (IOException e) {
          continue; // a tag pointing at a non-commit
        }
        try (TreeWalk tw = new TreeWalk(git)) {
          tw.addTree(c.getTree());
          tw.setRecursive(true);
          while (tw.next()) {
            String p = tw.getPathString();
            if (!prefix.isEmpty()) {
              if (!p.startsWith(prefix + "/")) {
                continue;
              }
              p = p.substring(prefix.length() + 1);
            }
            boolean dvcFile = p.endsWith(".dvc");
            boolean lock = p.equals("dvc.lock") || p.endsWith("/dvc.lock");
            if ((!dvcFile && !lock) || !seenBlobs.add(tw.getObjectId(0))) {
              continue;
            }
            String text = new String(git.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            read(p, text, lock, out);
          }
        }
      }
    }
    return out;
  }

  private static void read(String file, String text, boolean lock, List<RevOutput> out) {
    Object o;
    try {
      o = StructuredFiles.parseYaml(text, file);
    } catch (IOException e) {
      return; // skip malformed historical files
    }
    if (!(o instanceof Map<?, ?> m)) {
      return;
    }
    if (lock) {
      if (m.get("stages") instanceof Map<?, ?> stages) {
        for (Object st : stages.values()) {
          if (st instanceof Map<?, ?> sm) {
            addOuts(file, sm.get("outs"), out);
          }
        }
      }
    } else {
      addOuts(file, m.get("outs"), out);
    }
  }

  private static void addOuts(String file, Object outs, List<RevOutput> out) {
    if (outs instanceof List<?> l) {
      for (Object item : l) {
        if (item instanceof Map<?, ?> e && e.get("path") != null) {
          out.add(new RevOutput(file, e));
        }
      }
    }
  }
}
