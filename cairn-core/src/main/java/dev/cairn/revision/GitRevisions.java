package dev.cairn.revision;

import dev.cairn.errors.CairnException;
import dev.cairn.format.StructuredFiles;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.workspace.Tracked;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * workspace. Shared by gc, push, fetch and status -c.
 *
 * <p>A {@code dvc.lock} is read as the workspace's are: by {@link LockFile} and, with the {@code
 * dvc.yaml} beside it in the same revision (templated with that revision's params and vars
 * files), by {@link LockedOutputs#tracked(Path, Pipeline, LockFile)}; so each output's path
 * includes its stage's {@code wdir}, and outputs declared {@code cache: false} are left out. When
 * either file of a revision does not parse (or the {@code dvc.yaml} is missing), the lock's {@code
 * outs} are still read leniently, relative to its directory, so that gc keeps what they
 * reference. A {@code .dvc} file's outputs are relative to its directory plus its {@code wdir}.
 * Historical files that are not YAML at all are skipped.
 */
public final class GitRevisions {
  private GitRevisions() {}

  /**
   * One output entry of one revision.
   *
   * @param file the {@code .dvc} or {@code dvc.lock} path, relative to the repository root
   * @param entry the output map ({@code path}, {@code md5}, {@code hash}, {@code remote} …)
   * @param outputPath the output's path relative to the repository root, normalised
   * @param importDep for the output of an import {@code .dvc} file ({@code dvc import} or {@code
   *     import-url}: one dep and one output), that dep's map ({@code path}, {@code repo} …); else null
   */
  public record RevOutput(String file, Map<?, ?> entry, String outputPath, Map<?, ?> importDep) {
    /** An output of a {@code dvc.lock} (never an import). */
    public RevOutput(String file, Map<?, ?> entry, String outputPath) {
      this(file, entry, outputPath, null);
    }

    /** An entry of a {@code .dvc} file or a lock read leniently: its path is relative to {@code base}. */
    static RevOutput relativeTo(String file, String base, Map<?, ?> entry, Map<?, ?> importDep) {
      String joined = base.isEmpty() ? String.valueOf(entry.get("path")) : base + "/" + entry.get("path");
      return new RevOutput(file, entry, Path.of(joined).normalize().toString().replace('\\', '/'), importDep);
    }

    /** Whether the output was imported from another repository ({@code dvc import}): its dep has {@code repo}. */
    public boolean isRepoImport() {
      return importDep != null && importDep.get("repo") instanceof Map<?, ?>;
    }
  }

  /**
   * Commits selected as DVC's {@code iter_revs} selects them beyond {@code -a/-T/-A}: each of {@code
   * revs} with its first-parent ancestors up to {@code num} commits in all ({@code rev}, {@code
   * rev~1} …; a negative {@code num}: all of them), every experiment commit ({@code allExperiments}:
   * the commits of each {@code refs/exps/…} ref down to its baseline), and every commit made on or
   * after {@code since} (commit time, any ref).
   *
   * @throws CairnException (unexpected state) outside Git; (invalid input) for a revision that does not resolve
   */
  public static List<ObjectId> commits(Path repoRoot, List<String> revs, int num, boolean allExperiments,
      java.time.Instant since) throws IOException, CairnException {
    List<ObjectId> out = new ArrayList<>();
    if (revs.isEmpty() && !allExperiments && since == null) {
      return out;
    }
    File gitDir = new FileRepositoryBuilder().findGitDir(repoRoot.toFile()).getGitDir();
    if (gitDir == null) {
      throw CairnException.unexpectedState("--rev, --date and --all-experiments need a Git repository; "
          + repoRoot + " has none");
    }
    try (Repository git = new FileRepositoryBuilder().setGitDir(gitDir).build(); RevWalk walk = new RevWalk(git)) {
      for (String rev : revs) {
        ObjectId id = git.resolve(rev + "^{commit}");
        if (id == null) {
          throw new UnknownRevisionException(rev);
        }
        RevCommit c = walk.parseCommit(id);
        for (int n = 0; c != null && (num < 0 || n < num); n++) {
          out.add(c.getId());
          c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        }
      }
      if (allExperiments) {
        for (Ref r : git.getRefDatabase().getRefsByPrefix("refs/exps/")) {
          String[] parts = r.getName().substring("refs/exps/".length()).split("/");
          if (parts.length != 3 || !(parts[0] + parts[1]).matches("[0-9a-f]{40}") || r.getObjectId() == null) {
            continue; // the queue's stash, exec and apply refs are not experiments
          }
          ObjectId baseline = ObjectId.fromString(parts[0] + parts[1]);
          RevCommit c = walk.parseCommit(r.getObjectId());
          while (c != null && !c.getId().equals(baseline)) {
            out.add(c.getId());
            c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
          }
        }
      }
      if (since != null) {
        walk.reset();
        for (Ref r : git.getRefDatabase().getRefs()) {
          ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
          try {
            walk.markStart(walk.parseCommit(id));
          } catch (IOException | NullPointerException e) {
            // a ref to something other than a commit
          }
        }
        for (RevCommit c : walk) {
          if (c.getCommitTime() >= since.getEpochSecond()) {
            out.add(c.getId());
          }
        }
      }
    }
    return out;
  }

  /** The outputs recorded in the selected revisions: branch tips, tags, every commit. */
  public static List<RevOutput> outputs(Path repoRoot, boolean allBranches, boolean allTags, boolean allCommits)
      throws IOException, CairnException {
    return outputs(repoRoot, allBranches, allTags, allCommits, List.of());
  }

  /** As above, plus the outputs recorded in the given {@code commits} (e.g. experiment commits). */
  public static List<RevOutput> outputs(Path repoRoot, boolean allBranches, boolean allTags, boolean allCommits,
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
      Set<String> seen = new HashSet<>();
      Path root = repoRoot.toAbsolutePath().normalize();
      for (ObjectId id : commits) {
        RevCommit c;
        try {
          c = walk.parseCommit(id);
        } catch (IOException e) {
          continue; // a tag pointing at a non-commit
        }
        collect(git, c, prefix, root, seen, out);
      }
    }
    return out;
  }

  /**
   * The outputs recorded in one commit of {@code git} (its whole tree: a DVC repository at the Git
   * root), as {@link #outputs} reads each revision. Used to read another repository's revision (a
   * data registry) through a clone.
   */
  public static List<RevOutput> outputsAt(Repository git, ObjectId commit) throws IOException {
    List<RevOutput> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(git)) {
      collect(git, walk.parseCommit(commit), "", SOURCE_ROOT, new HashSet<>(), out);
    }
    return out;
  }

  /** Where the outputs of a repository without a workspace are resolved (never touched on disk). */
  private static final Path SOURCE_ROOT = Path.of("/").toAbsolutePath().resolve("cairn-source");

  /** Adds the outputs recorded in commit {@code c} under {@code prefix}, skipping files {@code seen} already. */
  private static void collect(Repository git, RevCommit c, String prefix, Path root, Set<String> seen,
      List<RevOutput> out) throws IOException {
    RevisionFiles files = null;
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
        if (!dvcFile && !lock) {
          continue;
        }
        String dir = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
        ObjectId blob = tw.getObjectId(0);
        if (dvcFile) {
          if (seen.add(p + " " + blob.name())) {
            readDvcFile(p, dir, new String(git.open(blob).getBytes(), StandardCharsets.UTF_8), out);
          }
          continue;
        }
        String yamlPath = dir.isEmpty() ? "dvc.yaml" : dir + "/dvc.yaml";
        ObjectId yamlBlob;
        try (TreeWalk y = TreeWalk.forPath(git, tw.getPathString().substring(0,
            tw.getPathString().length() - "dvc.lock".length()) + "dvc.yaml", c.getTree())) {
          yamlBlob = y == null ? null : y.getObjectId(0);
        }
        String yamlText = yamlBlob == null ? null : new String(git.open(yamlBlob).getBytes(), StandardCharsets.UTF_8);
        // the same lock and dvc.yaml give the same outputs, unless templating reads params
        // files that may differ between revisions
        String key = p + " " + blob.name() + " " + (yamlBlob == null ? "-" : yamlBlob.name())
            + (yamlText != null && yamlText.contains("${") ? " " + c.name() : "");
        if (!seen.add(key)) {
          continue;
        }
        if (files == null) {
          files = RevisionFiles.subdir(new GitRevisionFiles(git, c), prefix);
        }
        readLock(root, p, dir, new String(git.open(blob).getBytes(), StandardCharsets.UTF_8), files, yamlPath,
            yamlText, out);
      }
    }
  }

  /**
   * The cached outputs a {@code dvc.lock} of a revision records, resolved with the {@code dvc.yaml}
   * beside it; leniently, relative to the lock's directory, when either does not parse.
   */
  static void readLock(Path root, String file, String dir, String text, RevisionFiles files, String yamlPath,
      String yamlText, List<RevOutput> out) throws IOException {
    if (yamlText != null) {
      try {
        LockFile lock = LockFile.parse(text, file);
        // (the parsing.* options change only how cmd is built, never an output)
        Optional<Pipeline> pipeline = DvcYamlScan.pipeline(files, yamlPath);
        if (pipeline.isPresent()) {
          for (Tracked t : LockedOutputs.tracked(root, pipeline.get(), lock)) {
            if (!t.output().cache()) {
              continue; // recorded with a hash, but never in the cache
            }
            out.add(new RevOutput(file, t.entry(), root.relativize(t.path()).toString().replace('\\', '/')));
          }
          return;
        }
      } catch (PipelineException e) {
        // a dvc.yaml or dvc.lock of the past that the parsers refuse: read the lock leniently
      }
    }
    Map<String, Set<String>> uncached = yamlText == null ? Map.of() : uncachedOuts(yamlText, yamlPath);
    Object o;
    try {
      o = StructuredFiles.parseYaml(text, file);
    } catch (IOException e) {
      return; // skip malformed historical files
    }
    if (o instanceof Map<?, ?> m && m.get("stages") instanceof Map<?, ?> stages) {
      for (Map.Entry<?, ?> st : stages.entrySet()) {
        if (st.getValue() instanceof Map<?, ?> sm && sm.get("outs") instanceof List<?> l) {
          Set<String> skip = uncached.getOrDefault(String.valueOf(st.getKey()), Set.of());
          for (Object item : l) {
            if (item instanceof Map<?, ?> e && e.get("path") != null && !skip.contains(String.valueOf(e.get("path")))) {
              out.add(RevOutput.relativeTo(file, dir, e, null));
            }
          }
        }
      }
    }
  }

  /** The outputs of a {@code .dvc} file of a revision, relative to its directory plus its {@code wdir}. */
  private static void readDvcFile(String file, String dir, String text, List<RevOutput> out) {
    Object o;
    try {
      o = StructuredFiles.parseYaml(text, file);
    } catch (IOException e) {
      return; // skip malformed historical files
    }
    if (!(o instanceof Map<?, ?> m) || !(m.get("outs") instanceof List<?> l)) {
      return;
    }
    String base = dir;
    if (m.get("wdir") instanceof String w && !w.isEmpty()) {
      base = Path.of(dir.isEmpty() ? w : dir + "/" + w).normalize().toString().replace('\\', '/');
    }
    Map<?, ?> dep = m.get("deps") instanceof List<?> deps && deps.size() == 1 && l.size() == 1
        && deps.get(0) instanceof Map<?, ?> d ? d : null;
    for (Object item : l) {
      if (item instanceof Map<?, ?> e && e.get("path") != null) {
        out.add(RevOutput.relativeTo(file, base, e, dep));
      }
    }
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
}
