package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.ParamDep;
import dev.cairn.pipeline.ParamsSource;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.Stage;
import dev.cairn.pipeline.StatusChecker;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.GitIgnores;
import dev.cairn.workspace.OutputEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a repro over a loaded {@link PipelineIndex}: plans the stages, checks that every dep exists
 * or is produced by a stage, then schedules the stages on {@code jobs} worker threads. A stage
 * starts when all its upstream stages in the plan have finished; with one job the stages run exactly
 * in plan order. After the first failure no new stage starts (running ones finish) unless {@code
 * keepGoing}, which only skips the failed stage's dependents. Single use.
 */
public final class Reproducer {
  private final Repo repo;
  private final PipelineIndex index;
  private final ReproOptions opts;
  private final ReproListener listener;

  public Reproducer(Repo repo, PipelineIndex index, ReproOptions opts, ReproListener listener) {
    this.repo = repo;
    this.index = index;
    this.opts = opts;
    this.listener = listener;
  }

  /**
   * The stages the options select, dependencies first.
   *
   * @param cwd the directory targets are relative to
   */
  public List<Stage> plan(Path cwd) throws IOException, CairnException {
    List<String> targets = opts.targets().isEmpty() ? (opts.scope() == Dag.Scope.ALL ? List.of()
        : index.defaultTargets(cwd)) : index.resolveTargets(opts.targets(), cwd);
    return index.fullDag().plan(targets, opts.scope());
  }

  /**
   * Reproduces the planned stages.
   *
   * @return every planned stage's outcome; failures are reported in it, not thrown
   * @throws CairnException (invalid input) for unknown targets, a dep no stage produces that does not
   *     exist, or a tracked param key missing from an existing params file
   */
  public ReproResult run(Path cwd) throws IOException, CairnException {
    List<Stage> plan = plan(cwd);
    CachedParams params = new CachedParams(ParamsSource.FILES);
    checkInputs(plan, params);
    Path root = repo.root();
    String at = StatusResult.relDir(root, cwd);
    RepoHashes hashes = new RepoHashes(root, repo.hasher(), repo.odb());
    StatusChecker checker = new StatusChecker(root, hashes, params);
    StageJob job = new StageJob(root, opts, listener, checker, hashes, repo.odb(), repo.hasher(), repo.linkTypes(),
        new CommandRunner(repo.env()), new RunCacheStore(repo.cacheDir()), GitIgnores.forRepo(root), at);
    Map<String, DvcFile> sources = new HashMap<>();
    for (Stage st : plan) {
      if (st.isDataSource()) {
        sources.put(st.address(), index.dvcFile(st.address()));
      }
    }
    job.dataSources(sources);
    if (opts.allowMissing()) {
      Map<String, String> outs = new HashMap<>();
      for (Stage st : index.dag().stages()) {
        LockEntry le = index.lockEntry(st);
        if (le != null) {
          for (LockItem o : le.outs()) {
            if (o.hash() != null && o.hash().value() != null) {
              outs.put(st.repoPath(o.path()), o.hash().value());
            }
          }
        }
      }
      for (Stage st : index.dataSources()) {
        for (Map<String, Object> o : index.dvcFile(st.address()).outs()) {
          OutputEntry e = DvcFile.entry(o);
          if (e.hash() != null) {
            outs.put(st.repoPath(e.path()), e.hash().value());
          }
        }
      }
      job.recordedOutputs(outs);
    }
    LockUpdater locks = new LockUpdater(root, plan, index, listener, at);
    List<StageOutcome> outcomes = schedule(plan, job, locks);
    ReproResult result = new ReproResult(outcomes);
    summarize(result);
    return result;
  }

  /** Refuses deps that neither exist nor come from a stage, and missing param keys, before anything runs. */
  private void checkInputs(List<Stage> plan, ParamsSource params) throws IOException, CairnException {
    List<String> produced = new ArrayList<>();
    for (Stage s : index.fullDag().stages()) {
      for (Out o : s.outs()) {
        produced.add(s.repoPath(o.path()));
      }
    }
    Path root = repo.root();
    for (Stage s : plan) {
      for (String d : s.deps()) {
        String rp = s.repoPath(d);
        if (d.contains("://") || Files.exists(root.resolve(rp)) || producedBy(rp, produced)) {
          continue;
        }
        throw new PipelineException(file(s) + ": stage '" + s.name() + "': deps: '" + d
            + "' does not exist and no stage produces it");
      }
      for (ParamDep p : s.params()) {
        String rp = s.repoPath(p);
        Path f = root.resolve(rp);
        if (producedBy(rp, produced) || p.wholeFile()) {
          continue;
        }
        if (!Files.exists(f)) {
          throw new PipelineException(file(s) + ": stage '" + s.name() + "': params: file '" + p.file()
              + "' does not exist");
        }
        Map<String, Object> values = params.load(f);
        List<String> missing = new ArrayList<>();
        for (String k : p.keys()) {
          if (!ParamKeys.present(values, k)) {
            missing.add(k);
          }
        }
        if (!missing.isEmpty()) {
          throw new PipelineException(file(s) + ": stage '" + s.name() + "': params: '" + String.join("', '", missing)
              + "' not found in '" + p.file() + "'");
        }
      }
    }
  }

  private static String file(Stage s) {
    return s.dvcfileDir().isEmpty() ? "dvc.yaml" : s.dvcfileDir() + "/dvc.yaml";
  }

  private static boolean producedBy(String path, List<String> produced) {
    for (String o : produced) {
      if (o.equals(path) || path.startsWith(o + "/") || o.startsWith(path + "/")) {
        return true;
      }
    }
    return false;
  }

  private List<StageOutcome> schedule(List<Stage> plan, StageJob job, LockUpdater locks)
      throws IOException, PipelineException {
    Dag dag = index.fullDag();
    int n = plan.size();
    Map<String, Integer> pos = new HashMap<>();
    for (int i = 0; i < n; i++) {
      pos.put(plan.get(i).address(), i);
    }
    List<List<Integer>> upstream = new ArrayList<>();
    for (Stage s : plan) {
      List<Integer> ups = new ArrayList<>();
      for (String u : dag.upstreamOf(s.address())) {
        if (pos.containsKey(u) && !s.frozen()) { // repro cuts the upstream edges of frozen stages
          ups.add(pos.get(u));
        }
      }
      upstream.add(ups);
    }
    StageOutcome[] outcomes = new StageOutcome[n];
    boolean[] started = new boolean[n];
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(opts.jobs(), Math.max(1, n)), r -> {
      Thread t = new Thread(r, "repro-worker");
      t.setDaemon(true);
      return t;
    });
    CompletionService<Object[]> done = new ExecutorCompletionService<>(pool);
    int running = 0;
    boolean stop = false;
    try {
      while (true) {
        for (int i = 0; i < n; i++) {
          if (started[i]) {
            continue;
          }
          String blocker = null;
          boolean ready = true;
          for (int u : upstream.get(i)) {
            StageOutcome uo = outcomes[u];
            if (uo == null) {
              ready = false;
            } else if (uo.kind() == StageOutcome.Kind.FAILED || uo.kind() == StageOutcome.Kind.SKIPPED
                || uo.kind() == StageOutcome.Kind.NOT_STARTED) {
              blocker = uo.stage();
            }
          }
          if (blocker != null) {
            started[i] = true;
            outcomes[i] = new StageOutcome(job.shown(plan.get(i)), StageOutcome.Kind.SKIPPED, null,
                "upstream stage '" + blocker + "' did not complete");
            locks.finish(i, null);
          } else if (ready && !stop && running < opts.jobs()) {
            started[i] = true;
            running++;
            final int idx = i;
            final Stage s = plan.get(i);
            boolean forced = opts.force();
            for (int u : upstream.get(i)) {
              forced |= opts.forceDownstream() && (outcomes[u].kind() == StageOutcome.Kind.RAN
                  || outcomes[u].kind() == StageOutcome.Kind.CACHED);
            }
            final boolean force = forced;
            done.submit(() -> new Object[] {idx, execute(job, s, force)});
          }
        }
        if (running == 0) {
          break;
        }
        Object[] r;
        try {
          r = done.take().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("Interrupted while running stages", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("A stage worker failed unexpectedly", e.getCause());
        }
        running--;
        int idx = (Integer) r[0];
        StageJob.Result res = (StageJob.Result) r[1];
        outcomes[idx] = res.outcome();
        locks.finish(idx, res.entry());
        if (res.outcome().kind() == StageOutcome.Kind.FAILED && !opts.keepGoing()) {
          stop = true;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<StageOutcome> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (outcomes[i] == null) {
        outcomes[i] = new StageOutcome(job.shown(plan.get(i)), StageOutcome.Kind.NOT_STARTED, null,
            "not started after an earlier failure");
        locks.finish(i, null);
      }
      out.add(outcomes[i]);
    }
    return out;
  }

  private StageJob.Result execute(StageJob job, Stage s, boolean forced) {
    String a = job.shown(s);
    try {
      return job.run(s, index.lockEntry(s), forced);
    } catch (StageJob.CommandFailed e) {
      return new StageJob.Result(new StageOutcome(a, StageOutcome.Kind.FAILED, e.exitCode,
          "command exited with code " + e.exitCode), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StageJob.Result(new StageOutcome(a, StageOutcome.Kind.FAILED, null, "interrupted"), null);
    } catch (CairnException | IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      return new StageJob.Result(new StageOutcome(a, StageOutcome.Kind.FAILED, null, msg), null);
    }
  }

  private void summarize(ReproResult r) {
    boolean failed = !r.failures().isEmpty();
    if (opts.jobs() > 1 || failed) {
      StringBuilder sb = new StringBuilder("Summary:");
      part(sb, "ran", r.stages(StageOutcome.Kind.RAN));
      part(sb, "restored from run-cache", r.stages(StageOutcome.Kind.CACHED));
      part(sb, "verified", r.stages(StageOutcome.Kind.VERIFIED));
      part(sb, "unchanged", r.stages(StageOutcome.Kind.UNCHANGED));
      List<String> f = new ArrayList<>();
      for (StageOutcome o : r.failures()) {
        f.add(o.stage() + " (" + (o.exitCode() != null ? "exit code " + o.exitCode() : o.detail()) + ")");
      }
      part(sb, "failed", f);
      List<String> skipped = new ArrayList<>(r.stages(StageOutcome.Kind.SKIPPED));
      skipped.addAll(r.stages(StageOutcome.Kind.NOT_STARTED));
      part(sb, "skipped", skipped);
      listener.message(null, sb.toString());
    }
    if (failed) {
      return;
    }
    // as DVC: a dry run closes like a real one, counting the stages that would run
    if (!r.anyReproduced() && !(opts.dry() && !r.stages(StageOutcome.Kind.DRY).isEmpty())) {
      listener.message(null, "Data and pipelines are up to date.");
    } else if (!opts.noCommit()) {
      listener.message(null, "Use `cairn push` to send your updates to remote storage.");
    }
  }

  private static void part(StringBuilder sb, String label, List<String> names) {
    if (!names.isEmpty()) {
      sb.append(sb.length() > "Summary:".length() ? "; " : " ").append(label).append(' ').append(names.size())
          .append(" (").append(String.join(", ", names)).append(')');
    }
  }

  /**
   * {@code repro}: loads the pipelines, brings the planned stages up to date, and fails once the run
   * is over when a stage failed. Run it through {@link dev.cairn.repo.Repo#call} for the lock.
   *
   * @param cwd the directory targets are relative to and whose {@code dvc.yaml} is the default
   * @throws StageFailedException after the run when a stage failed, naming the first failure
   * @throws CairnException of kind {@code INVALID_INPUT} when there is no {@code dvc.yaml}, and as
   *     {@link dev.cairn.pipeline.PipelineException} for an invalid pipeline or unknown targets
   */
  public static ReproResult reproduce(Repo repo, ReproOptions opts, Path cwd, ReproListener listener)
      throws IOException, CairnException {
    PipelineIndex index = PipelineIndex.load(repo);
    if (index.isEmpty()) {
      throw CairnException.invalidInput("No dvc.yaml in " + repo.root() + "; add a stage with 'cairn stage add'");
    }
    ReproResult r = new Reproducer(repo, index, opts, listener).run(cwd);
    List<StageOutcome> failures = r.failures();
    if (!failures.isEmpty()) {
      StageOutcome f = failures.get(0);
      String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more failed stage"
          + (failures.size() > 2 ? "s" : "") + ")" : "";
      throw new StageFailedException("failed to reproduce '" + f.stage() + "': " + f.detail() + more, r);
    }
    return r;
  }
}
