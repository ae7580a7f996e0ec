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
    Path d = dir.toAbsolutePath().normalize();
    for (Path p = d; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".dvc"))) {
        return new Cairn(Repo.open(p, env));
      }
    }
    throw new NotARepositoryException("Not a DVC/Cairn repository: " + d
        + " (no .dvc directory here or above); run 'cairn init' first");
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

  @Override
  public void close() {
    repo.close();
  }
}
