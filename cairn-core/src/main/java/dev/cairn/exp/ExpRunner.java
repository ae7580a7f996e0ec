package dev.cairn.exp;

import dev.cairn.config.ConfigEditor;
import dev.cairn.config.ConfigLevel;
import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.format.PyJson;
import dev.cairn.format.StructuredFiles;
import dev.cairn.internal.FileTrees;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.repo.Repo;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.repro.ReproListener;
import dev.cairn.repro.ReproOptions;
import dev.cairn.repro.Reproducer;
import dev.cairn.repro.StageFailedException;
import dev.cairn.repro.StageOutcome;
import dev.cairn.repro.StatusResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * {@code exp run} and {@code exp save} (dvc-format.md §8): runs the pipeline with {@code -S}
 * overrides in the workspace, in a temp workspace, or queues it; then commits the result as a Git
 * commit whose parent is the baseline (HEAD) and points {@code refs/exps/<sha[0:2]>/<sha[2:]>/<name>}
 * at it. HEAD, the branches and the user's index never change.
 *
 * <p>Temp workspaces live under {@code .dvc/tmp/exps/}: the queued commit's files are written there,
 * {@code .dvc/config.local} points {@code cache.dir} at the main repository's cache (so outputs land in
 * the shared cache and nothing is copied back), tracked data is checked out from that cache, and the
 * directory is deleted afterwards.
 */
public final class ExpRunner {
  /** The file in a queued commit that holds the entry's run arguments (targets, force, -S as typed). */
  static final String ARGS_FILE = ".dvc/tmp/cairn-exp-run.json";
  private static final String MESSAGE = "dvc: commit experiment ";

  private final Repo repo;
  private final SecureRandom random = new SecureRandom();

  public ExpRunner(Repo repo) {
    this.repo = repo;
  }

  /** Runs, queues or runs the queue, as the options say. */
  public ExpRunResult run(ExpRunOptions o) throws CairnException, IOException {
    if (o.runAll()) {
      throw new IllegalArgumentException("--run-all is run by dev.cairn.queue (the executors), not here");
    }
    try (Repository git = openGit()) {
      ObjectId baseline = baseline(git);
      List<ParamOverride> overrides = parseOverrides(o.setParams());
      Map<String, String> texts = ParamsEditor.apply(repo.root(), overrides);
      String name = chooseName(git, baseline, o.name(), o.force());
      if (o.queue() || o.temp() || o.dry()) {
        ExpQueue.Entry e = stash(git, baseline, name, texts, o);
        if (o.dry()) {
          EntryOutcome out = runInTemp(git, e, o.listener(), false, true, o.allowMissing());
          if (out.failed != null) {
            throw new ExpFailedException("experiment '" + name + "' failed: " + out.failed.message(),
                new ExpRunResult(List.of(), List.of(), List.of(out.failed), false));
          }
          return new ExpRunResult(List.of(), List.of(), List.of(), false);
        }
        if (o.queue()) {
          try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
            new ExpQueue(git, ExpRef.CELERY_STASH).push(e);
          }
          return new ExpRunResult(List.of(), List.of(new ExpRunResult.Queued(name, e.commit().name(), baseline.name(),
              o.setParams())), List.of(), false);
        }
        EntryOutcome out = runInTemp(git, e, o.listener(), false, false, o.allowMissing());
        if (out.failed != null) {
          throw new ExpFailedException("experiment '" + name + "' failed: " + out.failed.message(),
              new ExpRunResult(List.of(), List.of(), List.of(out.failed), false));
        }
        return new ExpRunResult(List.of(out.experiment), List.of(), List.of(), false);
      }
      dev.cairn.repro.PipelineIndex.load(repo); // an invalid dvc.yaml fails before the params change
      ParamsEditor.write(repo.root(), texts);
      Map<String, String> env = expEnv(baseline, name);
      String hash;
      try (Repo r = Repo.open(repo.root(), env)) {
        reproduce(r, o.targets(), o.force(), o.listener(), false, o.allowMissing());
        hash = ExpHash.of(r);
      }
      ObjectId commit = WorkspaceSnapshot.commit(git, baseline, MESSAGE + hash, Map.of());
      ExpRef ref = new ExpRef(baseline.name(), name);
      setRef(git, ref, commit, o.force());
      return new ExpRunResult(List.of(new ExpRunResult.Experiment(name, ref.refName(), commit.name(), baseline.name(),
          hash)), List.of(), List.of(), true);
    }
  }

  /**
   * {@code exp save}: commits the workspace as an experiment without running anything. The pipeline
   * must be up to date (what {@code status} reports must be empty), so {@code dvc.lock} describes the
   * workspace and every output is in the cache.
   */
  public ExpRunResult save(String requestedName, boolean force) throws CairnException, IOException {
    try (Repository git = openGit()) {
      ObjectId baseline = baseline(git);
      String name = chooseName(git, baseline, requestedName, force);
      StatusResult st;
      String hash;
      try (Repo r = Repo.open(repo.root(), repo.env())) {
        st = r.call(false, () -> StatusResult.of(r, List.of(), NullProgressMonitor.INSTANCE));
        hash = ExpHash.of(r);
      }
      if (!st.isClean()) {
        String first = st.changes().keySet().iterator().next();
        throw CairnException.unexpectedState("'" + first + "' is not up to date in the workspace"
            + (st.changes().size() > 1 ? " (and " + (st.changes().size() - 1) + " more)" : "")
            + "; run 'cairn repro' or 'cairn commit' before 'cairn exp save'");
      }
      ObjectId commit = WorkspaceSnapshot.commit(git, baseline, MESSAGE + hash, Map.of());
      ExpRef ref = new ExpRef(baseline.name(), name);
      setRef(git, ref, commit, force);
      return new ExpRunResult(List.of(new ExpRunResult.Experiment(name, ref.refName(), commit.name(), baseline.name(),
          hash)), List.of(), List.of(), true);
    }
  }

  /** The queued entries, oldest first (for listing). */
  public List<ExpRunResult.Queued> queued() throws CairnException, IOException {
    try (Repository git = openGit()) {
      List<ExpRunResult.Queued> out = new ArrayList<>();
      for (ExpQueue.Entry e : new ExpQueue(git, ExpRef.CELERY_STASH).list()) {
        out.add(new ExpRunResult.Queued(e.name(), e.commit().name(), e.baseline(), readArgs(git, e.commit()).params));
      }
      return out;
    }
  }

  // ---- git and names

  private Repository openGit() throws CairnException, IOException {
    File gitDir = new FileRepositoryBuilder().findGitDir(repo.root().toFile()).getGitDir();
    if (gitDir == null) {
      throw CairnException.unexpectedState("Experiments need a Git repository; " + repo.root()
          + " is not in one (run 'git init' and commit your pipeline first)");
    }
    return new FileRepositoryBuilder().setGitDir(gitDir).build();
  }

  private static ObjectId baseline(Repository git) throws CairnException, IOException {
    ObjectId head = git.resolve(Constants.HEAD + "^{commit}");
    if (head == null) {
      throw CairnException.unexpectedState("The Git repository has no commits yet; commit your pipeline first"
          + " (experiments are based on HEAD)");
    }
    return head;
  }

  private static List<ParamOverride> parseOverrides(List<String> texts) throws CairnException {
    List<ParamOverride> out = new ArrayList<>();
    for (String t : texts) {
      try {
        out.add(ParamOverride.parse(t));
      } catch (IllegalArgumentException e) {
        throw CairnException.invalidInput(e.getMessage());
      }
    }
    return out;
  }

  /** The names taken for a baseline: its experiment refs and its queued entries. */
  private static Set<String> takenNames(Repository git, ObjectId baseline) throws IOException {
    Set<String> taken = new HashSet<>();
    for (ExpRefs.Entry e : ExpRefs.ofBaseline(git, baseline.name())) {
      taken.add(e.ref().name());
    }
    for (ExpQueue.Entry e : new ExpQueue(git, ExpRef.CELERY_STASH).list()) {
      if (e.baseline().equals(baseline.name())) {
        taken.add(e.name());
      }
    }
    return taken;
  }

  private String chooseName(Repository git, ObjectId baseline, String requested, boolean force)
      throws CairnException, IOException {
    Set<String> taken = takenNames(git, baseline);
    if (requested == null) {
      return ExpNames.random(random, taken);
    }
    if (!ExpRef.isValidName(requested)) {
      throw CairnException.invalidInput("invalid experiment name '" + requested
          + "': use letters, digits, '_', '.', '+' and '-' (not starting with '.' or '-')");
    }
    if (taken.contains(requested) && !force) {
      throw CairnException.invalidInput("experiment '" + requested + "' already exists for baseline "
          + baseline.abbreviate(7).name() + "; choose another name with -n, or use -f to replace it");
    }
    return requested;
  }

  private static void setRef(Repository git, ExpRef ref, ObjectId commit, boolean force) throws CairnException, IOException {
    RefUpdate ru = git.updateRef(ref.refName());
    ru.setNewObjectId(commit);
    ru.disableRefLog();
    RefUpdate.Result r;
    if (force) {
      ru.setForceUpdate(true);
      r = ru.forceUpdate();
    } else {
      ru.setExpectedOldObjectId(ObjectId.zeroId());
      r = ru.update();
    }
    switch (r) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
      case LOCK_FAILURE, REJECTED -> throw CairnException.invalidInput("experiment '" + ref.name()
          + "' already exists for baseline " + ref.baselineSha().substring(0, 7) + " (created meanwhile); its commit is "
          + commit.name() + ", use -f to replace it");
      default -> throw new IOException("cannot update " + ref.refName() + ": " + r);
    }
  }

  private static Map<String, String> expEnv(Map<String, String> base, ObjectId baseline, String name) {
    Map<String, String> env = new HashMap<>(base);
    env.put("DVC_EXP_BASELINE_REV", baseline.name());
    env.put("DVC_EXP_NAME", name);
    return env;
  }

  private Map<String, String> expEnv(ObjectId baseline, String name) {
    return expEnv(repo.env(), baseline, name);
  }

  /** The DVC root relative to the Git work tree ({@code ""} when they are the same), with a trailing {@code /}. */
  private String prefix(Repository git) {
    Path top = git.getWorkTree().toPath().toAbsolutePath().normalize();
    String p = top.relativize(repo.root()).toString().replace('\\', '/');
    return p.isEmpty() ? "" : p + "/";
  }

  // ---- queue

  /** The run arguments stored with a queued entry. */
  record Args(List<String> targets, boolean force, List<String> params) {}

  /** Makes the entry's commit: the workspace as it is, the -S texts, the run arguments; parent = baseline. */
  private ExpQueue.Entry stash(Repository git, ObjectId baseline, String name, Map<String, String> texts,
      ExpRunOptions o) throws IOException {
    String prefix = prefix(git);
    Map<String, byte[]> replace = new LinkedHashMap<>();
    texts.forEach((f, t) -> replace.put(prefix + f, t.getBytes(StandardCharsets.UTF_8)));
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("targets", o.targets());
    args.put("force", o.force());
    args.put("params", o.setParams());
    replace.put(prefix + ARGS_FILE, (PyJson.dumps(args, false, 2) + "\n").getBytes(StandardCharsets.UTF_8));
    String msg = "dvc-exp:" + baseline.name() + ":" + baseline.name() + ":" + name;
    ObjectId commit = WorkspaceSnapshot.commit(git, baseline, msg, replace);
    return new ExpQueue.Entry(commit, baseline.name(), baseline.name(), name);
  }

  @SuppressWarnings("unchecked")
  private Args readArgs(Repository git, ObjectId commit) throws IOException {
    try (RevWalk rw = new RevWalk(git)) {
      RevCommit c = rw.parseCommit(commit);
      try (TreeWalk tw = TreeWalk.forPath(git, prefix(git) + ARGS_FILE, c.getTree())) {
        if (tw == null) {
          return new Args(List.of(), false, List.of());
        }
        Object o = StructuredFiles.parse(new String(git.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8),
            "args.json", ARGS_FILE);
        if (o instanceof Map<?, ?> m) {
          List<String> targets = m.get("targets") instanceof List<?> l ? (List<String>) l : List.of();
          List<String> params = m.get("params") instanceof List<?> l ? (List<String>) l : List.of();
          return new Args(targets, Boolean.TRUE.equals(m.get("force")), params);
        }
        return new Args(List.of(), false, List.of());
      }
    }
  }

  /**
   * What running one queued entry gave: exactly one of the two is set (neither after a dry run).
   *
   * @param experiment the experiment made (its ref is set), or null
   * @param failed why it failed, or null
   */
  public record EntryOutcome(ExpRunResult.Experiment experiment, ExpRunResult.Failed failed) {
    /** Whether the entry ran and its experiment ref is set. */
    public boolean succeeded() {
      return experiment != null;
    }
  }

  /**
   * Runs one queued entry in a fresh temp workspace under {@code .dvc/tmp/exps}, with this
   * repository's cache, and on success points the experiment's ref at the result. The queue itself
   * is not changed: the caller drops the entry or moves it to the failed queue. Failures of the run
   * (a stage failing, an invalid pipeline, a name taken meanwhile, an interruption) come back as
   * {@link EntryOutcome#failed()}.
   *
   * @param e the entry; its commit must be in this repository's Git objects
   * @param listener where repro lines and command output go
   * @param label prefix stage labels with the entry's name (several entries running at once)
   * @throws IOException if the entry cannot be read or the temp workspace written
   */
  public EntryOutcome runEntry(ExpQueue.Entry e, ReproListener listener, boolean label)
      throws IOException, CairnException {
    try (Repository git = openGit()) {
      return runInTemp(git, e, listener, label, false, false);
    }
  }

  /** The {@code -S} overrides an entry was queued with, as typed (empty for entries DVC made). */
  public List<String> params(ExpQueue.Entry e) throws IOException, CairnException {
    try (Repository git = openGit()) {
      return readArgs(git, e.commit()).params;
    }
  }

  /** {@code repro} of {@code targets} in {@code r}, under its lock, as {@code cairn repro [-f]} runs it. */
  private static void reproduce(Repo r, List<String> targets, boolean force, ReproListener listener, boolean dry,
      boolean allowMissing) throws CairnException {
    ReproOptions opts = new ReproOptions(targets, Dag.Scope.UPSTREAM, force, false, dry, false, false, false, 1,
        allowMissing);
    r.call(true, () -> Reproducer.reproduce(r, opts, r.root(), listener));
  }

  /** Runs one entry in a fresh temp workspace; failures of the run come back as an outcome. */
  private EntryOutcome runInTemp(Repository git, ExpQueue.Entry e, ReproListener listener, boolean label, boolean dry,
      boolean allowMissing) throws IOException, CairnException {
    Path exps = repo.dvcDir().resolve("tmp").resolve("exps");
    Files.createDirectories(exps);
    Path top = Files.createTempDirectory(exps, "tmp");
    try {
      RevCommit c;
      try (RevWalk rw = new RevWalk(git)) {
        c = rw.parseCommit(e.commit());
      }
      checkoutTree(git, c.getTree(), top);
      Path root = top.resolve(prefix(git)).normalize();
      Args args = readArgs(git, e.commit());
      Files.deleteIfExists(root.resolve(ARGS_FILE));
      Path dvcDir = root.resolve(".dvc");
      Files.createDirectories(dvcDir);
      Path mainLocal = repo.dvcDir().resolve("config.local");
      if (Files.exists(mainLocal)) {
        Files.copy(mainLocal, dvcDir.resolve("config.local"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      new ConfigEditor(DvcConfig.load(dvcDir, repo.env()), root)
          .set(ConfigLevel.LOCAL, "cache.dir", repo.cacheDir().toAbsolutePath().toString());
      ObjectId baseline = ObjectId.fromString(e.baseline());
      ReproListener l = label ? prefixed(listener, e.name()) : listener;
      String hash;
      // entries queued by DVC without a name get DVC's default, exp-<hash[:5]>, once the hash is known
      try (Repo tmp = Repo.open(root, expEnv(repo.env(), baseline, e.name()))) {
        try {
          tmp.call(true, () -> LockedOutputs.checkout(tmp, List.of(), false, false, NullProgressMonitor.INSTANCE));
        } catch (CairnException ex) {
          l.message(null, "WARNING: " + ex.getMessage());
        }
        for (String d : UntrackedDeps.copy(repo.root(), tmp)) {
          l.message(null, "Copied '" + d + "' (a dependency Git ignores and no stage produces) from the workspace");
        }
        try {
          reproduce(tmp, args.targets(), args.force(), l, dry, allowMissing);
          if (dry) {
            return new EntryOutcome(null, null);
          }
        } catch (StageFailedException ex) {
          Integer code = ex.result().failures().stream().map(StageOutcome::exitCode)
              .filter(java.util.Objects::nonNull).findFirst().orElse(null);
          return new EntryOutcome(null, new ExpRunResult.Failed(e.name(), e.baseline(), code, ex.getMessage()));
        } catch (CairnException ex) {
          return new EntryOutcome(null, new ExpRunResult.Failed(e.name(), e.baseline(), null, ex.getMessage()));
        }
        hash = ExpHash.of(tmp);
      } catch (PipelineException ex) {
        return new EntryOutcome(null, new ExpRunResult.Failed(e.name(), e.baseline(), null, ex.getMessage()));
      }
      ObjectId commit = WorkspaceSnapshot.commit(git, top, c.getTree(), baseline, MESSAGE + hash);
      String name = e.name().isEmpty() ? "exp-" + hash.substring(0, 5) : e.name();
      ExpRef ref = new ExpRef(e.baseline(), name);
      try {
        setRef(git, ref, commit, args.force());
      } catch (CairnException ex) {
        return new EntryOutcome(null, new ExpRunResult.Failed(name, e.baseline(), null, ex.getMessage()));
      }
      return new EntryOutcome(new ExpRunResult.Experiment(name, ref.refName(), commit.name(), e.baseline(), hash), null);
    } finally {
      FileTrees.delete(top);
    }
  }

  private static ReproListener prefixed(ReproListener l, String name) {
    return new ReproListener() {
      @Override
      public void message(String stage, String text) {
        l.message(stage == null ? name : name + ":" + stage, text);
      }

      @Override
      public void output(String stage, boolean stderr, String line) {
        l.output(name + ":" + stage, stderr, line);
      }
    };
  }

  /** Writes a commit's files into an empty directory (symlinks as links, the executable bit kept). */
  private static void checkoutTree(Repository git, ObjectId tree, Path dir) throws IOException {
    try (TreeWalk tw = new TreeWalk(git)) {
      tw.addTree(tree);
      tw.setRecursive(true);
      while (tw.next()) {
        FileMode mode = tw.getFileMode(0);
        if (mode == FileMode.GITLINK) {
          continue;
        }
        Path p = dir.resolve(tw.getPathString()).normalize();
        if (!p.startsWith(dir)) {
          throw new IOException("refusing to write outside the temp workspace: " + tw.getPathString());
        }
        Files.createDirectories(p.getParent());
        ObjectLoader ol = git.open(tw.getObjectId(0));
        if (mode == FileMode.SYMLINK) {
          Files.createSymbolicLink(p, Path.of(new String(ol.getBytes(), StandardCharsets.UTF_8)));
          continue;
        }
        try (InputStream in = ol.openStream()) {
          Files.copy(in, p);
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
          Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(p));
          perms.add(PosixFilePermission.OWNER_EXECUTE);
          perms.add(PosixFilePermission.GROUP_EXECUTE);
          perms.add(PosixFilePermission.OTHERS_EXECUTE);
          Files.setPosixFilePermissions(p, perms);
        }
      }
    }
  }
}
