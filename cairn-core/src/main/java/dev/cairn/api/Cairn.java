package dev.cairn.api;

import dev.cairn.api.errors.NotARepositoryException;
import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of the porcelain. {@code Cairn.open(dir)} finds the repository containing {@code
 * dir}; each verb returns a single-use command object to configure and {@code call()}.
 *
 * <pre>{@code
 * try (Cairn cairn = Cairn.open(dir)) {
 *   AddResult r = cairn.add().addPath(Path.of("data")).call();
 * }
 * }</pre>
 */
public final class Cairn implements AutoCloseable {
  private final Repo repo;

  private Cairn(Repo repo) {
    this.repo = repo;
  }

  /** Opens the repository containing {@code dir}, with the process environment. */
  public static Cairn open(Path dir) throws CairnException {
    return open(dir, System.getenv());
  }

  /**
   * Opens the repository containing {@code dir} (searching upwards for {@code .dvc/}).
   *
   * @param env environment variables (config locations, credentials); tests pass their own
   * @throws NotARepositoryException if there is none
   */
  public static Cairn open(Path dir, Map<String, String> env) throws CairnException {
    return new Cairn(Repo.open(findRoot(dir), env));
  }

  /**
   * The root of the repository containing {@code dir}: the nearest directory, {@code dir} itself or
   * above it, that holds a {@code .dvc} directory. Reads nothing else.
   *
   * @return the root, absolute and normalised
   * @throws NotARepositoryException if there is none
   */
  public static Path findRoot(Path dir) throws NotARepositoryException {
    Path d = dir.toAbsolutePath().normalize();
    for (Path p = d; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".dvc"))) {
        return p;
      }
    }
    throw new NotARepositoryException("Not a DVC/Cairn repository: " + d
        + " (no .dvc directory here or above); run 'cairn init' first");
  }

  /**
   * Starts {@code doctor}: what Cairn runs on (Java, OS, MD5 implementation, remote types) and, when
   * {@code dir} is inside a repository, that repository's cache, link types, remotes and file
   * systems. Works outside a repository.
   *
   * @param env the environment (config locations)
   */
  public static DoctorCommand doctor(Path dir, Map<String, String> env) {
    return new DoctorCommand(dir, env);
  }

  /** Starts {@code init} in {@code dir}: creates {@code .dvc/} as {@code dvc init} does. */
  public static InitCommand init(Path dir) {
    return new InitCommand(dir);
  }

  /**
   * Starts {@code get}: download {@code path} of repository {@code url} (a data registry, or any Git
   * repository) without tracking it; needs no repository here.
   *
   * @param env environment variables (credentials, the clone cache location)
   */
  public static GetCommand get(String url, String path, Map<String, String> env) {
    return new GetCommand(url, path, env);
  }

  /** Starts {@code list}: the entries of repository {@code url}, Git- and DVC-tracked; needs no repository here. */
  public static ListCommand list(String url, Map<String, String> env) {
    return new ListCommand(url, env);
  }

  /** Starts {@code get-url}: download a file or directory from a URL without tracking it. */
  public static GetUrlCommand getUrl(String url) {
    return new GetUrlCommand(url);
  }

  /** Starts {@code ls-url}: list a URL's contents. */
  public static ListUrlCommand listUrl(String url) {
    return new ListUrlCommand(url);
  }

  /** The open repository. */
  public Repo repo() {
    return repo;
  }

  /** {@code add}: track files and directories with {@code .dvc} files. */
  public AddCommand add() {
    return new AddCommand(repo);
  }

  /** {@code status}: compare the workspace with {@code .dvc} files and {@code dvc.lock}. */
  public StatusCommand status() {
    return new StatusCommand(repo);
  }

  /** {@code checkout}: restore tracked outputs from the cache. */
  public CheckoutCommand checkout() {
    return new CheckoutCommand(repo);
  }

  /** {@code commit}: record the current content of tracked outputs. */
  public CommitCommand commit() {
    return new CommitCommand(repo);
  }

  /** {@code remove}: stop tracking ({@code .dvc} files). */
  public RemoveCommand remove() {
    return new RemoveCommand(repo);
  }

  /** {@code repro}: run the pipeline stages whose inputs changed and record them in {@code dvc.lock}. */
  public ReproCommand repro() {
    return new ReproCommand(repo);
  }

  /** {@code repro --explain} / {@code status --explain}: why each stage would run, be restored or be skipped. */
  public ExplainCommand explain() {
    return new ExplainCommand(repo);
  }

  /**
   * {@code exp run}: run the pipeline with {@code -S} overrides and save the result as an experiment
   * ({@code refs/exps/…}); or queue it, or run the queue.
   */
  public ExpRunCommand expRun() {
    return new ExpRunCommand(repo);
  }

  /** {@code exp save}: save the workspace as an experiment without running anything. */
  public ExpSaveCommand expSave() {
    return new ExpSaveCommand(repo);
  }

  /** {@code stage add}: add a stage to {@code dvc.yaml} as {@code dvc stage add} writes it. */
  public StageAddCommand stageAdd() {
    return new StageAddCommand(repo);
  }

  /**
   * {@code import}: bring {@code path} of repository {@code url} into the workspace and track it
   * with an import {@code .dvc} file.
   */
  public ImportCommand importRepo(String url, String path) {
    return new ImportCommand(repo, url, path);
  }

  /** {@code import-url}: download a file or directory from a URL into the workspace and track it. */
  public ImportUrlCommand importUrl(String url) {
    return new ImportUrlCommand(repo, url);
  }

  /** {@code update}: move imports to their source's newest commit (or another revision). */
  public UpdateCommand update() {
    return new UpdateCommand(repo);
  }

  /** {@code gc}: delete cache objects no selected revision uses. */
  public GcCommand gc() {
    return new GcCommand(repo);
  }

  /** {@code fsck}: verify every cache object against its hash. */
  public FsckCommand fsck() {
    return new FsckCommand(repo);
  }

  /** {@code push}: upload the cache objects of tracked outputs to their remotes. */
  public PushCommand push() {
    return new PushCommand(repo);
  }

  /** {@code fetch}: download the cache objects of tracked outputs from their remotes. */
  public FetchCommand fetch() {
    return new FetchCommand(repo);
  }

  /** {@code pull}: fetch, then check out. */
  public PullCommand pull() {
    return new PullCommand(repo);
  }

  /** {@code status -c}: compare the cache with the remotes. */
  public RemoteStatusCommand remoteStatus() {
    return new RemoteStatusCommand(repo);
  }

  // --- experiments: compare and keep (exp show, diff, apply, branch, remove, push, pull) ---

  /** {@code exp show}: the workspace, baselines and their experiments with metrics and params. */
  public ExpShowCommand expShow() {
    return new ExpShowCommand(repo);
  }

  /** {@code exp diff}: metrics and params diffs between experiments, revisions or the workspace. */
  public ExpDiffCommand expDiff() {
    return new ExpDiffCommand(repo);
  }

  /** {@code exp apply}: put an experiment's files and outputs into the workspace, HEAD unmoved. */
  public ExpApplyCommand expApply() {
    return new ExpApplyCommand(repo);
  }

  /** {@code exp branch}: make a Git branch of an experiment. */
  public ExpBranchCommand expBranch() {
    return new ExpBranchCommand(repo);
  }

  /** {@code exp remove}: delete experiment refs. */
  public ExpRemoveCommand expRemove() {
    return new ExpRemoveCommand(repo);
  }

  /** {@code exp push}: push experiment refs to a Git remote and their data to the DVC remote. */
  public ExpPushCommand expPush() {
    return new ExpPushCommand(repo);
  }

  /** {@code exp pull}: fetch experiment refs from a Git remote and their data from the DVC remote. */
  public ExpPullCommand expPull() {
    return new ExpPullCommand(repo);
  }

  /** {@code queue status}: the experiment queue's tasks and their states, reconciled with the executors. */
  public QueueStatusCommand queueStatus() {
    return new QueueStatusCommand(repo);
  }

  /** {@code queue start}: run the queue in the background (local workers) or as batch jobs ({@code slurm}). */
  public QueueStartCommand queueStart() {
    return new QueueStartCommand(repo);
  }

  /** {@code queue stop}: local workers take no more experiments; optionally kill the running ones. */
  public QueueStopCommand queueStop() {
    return new QueueStopCommand(repo);
  }

  /** {@code queue kill}: stop running experiments (they end in the failed queue). */
  public QueueKillCommand queueKill() {
    return new QueueKillCommand(repo);
  }

  /** {@code queue logs}: the output of an experiment that runs or has run. */
  public QueueLogsCommand queueLogs() {
    return new QueueLogsCommand(repo);
  }

  /** {@code queue remove}: drop queued, failed or finished tasks. */
  public QueueRemoveCommand queueRemove() {
    return new QueueRemoveCommand(repo);
  }

  /** {@code queue retry}: put failed experiments back in the queue. */
  public QueueRetryCommand queueRetry() {
    return new QueueRetryCommand(repo);
  }

  /** {@code queue exec}: run one queued entry in this clone and push the result (a batch job's body). */
  public QueueExecCommand queueExec() {
    return new QueueExecCommand(repo);
  }

  /** The body of a local queue worker process ({@code queue start}'s background worker). */
  public QueueWorkCommand queueWork() {
    return new QueueWorkCommand(repo);
  }

  // --- workspace: check-ignore, freeze, unprotect, move, destroy, install, diff, data status, du ---

  /** {@code check-ignore}: whether paths are excluded by {@code .dvcignore}, and by which pattern. */
  public CheckIgnoreCommand checkIgnore() {
    return new CheckIgnoreCommand(repo);
  }

  /** {@code freeze}: mark stages or {@code .dvc} files frozen (not reproduced, not updated). */
  public FreezeCommand freeze() {
    return new FreezeCommand(repo, true);
  }

  /** {@code unfreeze}: clear {@code frozen} on stages or {@code .dvc} files. */
  public FreezeCommand unfreeze() {
    return new FreezeCommand(repo, false);
  }

  /** {@code unprotect}: make linked, read-only outputs private writable copies. */
  public UnprotectCommand unprotect() {
    return new UnprotectCommand(repo);
  }

  /** {@code move}: rename an output of a {@code .dvc} file, and the file with it. */
  public MoveCommand move() {
    return new MoveCommand(repo);
  }

  /**
   * {@code destroy}: delete every {@code .dvc}, {@code dvc.yaml} and {@code dvc.lock} file and the
   * {@code .dvc} directory (config and cache), keeping the data. The repository cannot be used
   * afterwards; close it.
   */
  public DestroyCommand destroy() {
    return new DestroyCommand(repo);
  }

  /** {@code install}: Git hooks running checkout, status and push (or the pre-commit tool's config). */
  public InstallHooksCommand installHooks() {
    return new InstallHooksCommand(repo);
  }

  /** {@code diff}: data added, deleted, modified or renamed between two commits or a commit and the workspace. */
  public DiffCommand diff() {
    return new DiffCommand(repo);
  }

  /** {@code data status}: changes between the last commit, the recorded hashes and the workspace. */
  public DataStatusCommand dataStatus() {
    return new DataStatusCommand(repo);
  }

  /** {@code du}: disk usage of the repository's files and tracked outputs, present or not. */
  public DuCommand du() {
    return new DuCommand(repo);
  }

  /** {@code cache migrate}: re-hash DVC 2 cache objects into DVC 3's {@code files/md5/} layout. */
  public CacheMigrateCommand cacheMigrate() {
    return new CacheMigrateCommand(repo);
  }

  /** {@code plots modify}: set or unset the display properties of a stage's plot output in {@code dvc.yaml}. */
  public PlotsModifyCommand plotsModify() {
    return new PlotsModifyCommand(repo);
  }

  /** {@code exp list}: the experiments of baselines, locally or on a Git remote. */
  public ExpListCommand expList() {
    return new ExpListCommand(repo);
  }

  /** {@code exp rename}: give an experiment another name. */
  public ExpRenameCommand expRename() {
    return new ExpRenameCommand(repo);
  }

  /** {@code exp clean}: remove the temporary workspaces of killed experiment runs. */
  public ExpCleanCommand expClean() {
    return new ExpCleanCommand(repo);
  }

  @Override
  public void close() {
    repo.close();
  }
}
