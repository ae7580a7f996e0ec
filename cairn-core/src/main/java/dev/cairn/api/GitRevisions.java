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
      throw CairnException.unexpectedState("-a/-T/--all-commits and experiments need a Git repository; "
          + repoRoot + " has none");
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
            Map<String, Set<String>> uncached = Map.of();
            if (lock) {
              String yaml = tw.getPathString().substring(0, tw.getPathString().length() - "dvc.lock".length())
                  + "dvc.yaml";
              try (TreeWalk y = TreeWalk.forPath(git, yaml, c.getTree())) {
                if (y != null) {
                  uncached = uncachedOuts(new String(git.open(y.getObjectId(0)).getBytes(), StandardCharsets.UTF_8),
                      yaml);
                }
              }
            }
            read(p, text, lock, uncached, out);
          }
        }
      }
    }
    return out;
  }

  /**
   * The outputs each stage of a {@code dvc.yaml} declares with {@code cache: false} (stage name →
   * paths as written), which {@code dvc.lock} records with a hash but which are never in the cache.
   */
  static Map<String, Set<String>> uncachedOuts(String yamlText, String label) {
    Map<String, Set<String>> out = new java.util.HashMap<>();
    Object o;
    try {
      o = StructuredFiles.parseYaml(yamlText, label);
    } catch (IOException e) {
      return out;
    }
    if (o instanceof Map<?, ?> m && m.get("stages") instanceof Map<?, ?> stages) {
      stages.forEach((name, def) -> {
        if (def instanceof Map<?, ?> d) {
          for (String kind : List.of("outs", "metrics", "plots")) {
            if (d.get(kind) instanceof List<?> l) {
              for (Object item : l) {
                if (item instanceof Map<?, ?> im) {
                  im.forEach((path, opts) -> {
                    if (opts instanceof Map<?, ?> om && Boolean.FALSE.equals(om.get("cache"))) {
                      out.computeIfAbsent(String.valueOf(name), k -> new HashSet<>()).add(String.valueOf(path));
                    }
                  });
                }
              }
            }
          }
        }
      });
    }
    return out;
  }

  private static void read(String file, String text, boolean lock, Map<String, Set<String>> uncached,
      List<RevOutput> out) {
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
        for (Map.Entry<?, ?> st : stages.entrySet()) {
          if (st.getValue() instanceof Map<?, ?> sm) {
            Set<String> skip = uncached.getOrDefault(String.valueOf(st.getKey()), Set.of());
            if (sm.get("outs") instanceof List<?> l) {
              addOuts(file, l.stream()
                  .filter(e -> !(e instanceof Map<?, ?> em && skip.contains(String.valueOf(em.get("path"))))).toList(),
                  out);
            }
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
