package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.ObjectDb;
import dev.cairn.progress.ThreadSafeProgressMonitor;
import dev.cairn.registry.GitAccess;
import dev.cairn.registry.Materialized;
import dev.cairn.registry.Registry;
import dev.cairn.registry.SourceRepo;
import dev.cairn.registry.SourceTree;
import dev.cairn.repo.Repo;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.Storage;
import dev.cairn.transfer.TransferResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * {@code get}: downloads a file or directory of another repository (as {@link ImportCommand}
 * resolves it) to a path, without a {@code .dvc} file and without tracking; it needs no repository
 * here. The data goes through a private cache beside the destination, each object hash-checked,
 * and the file or whole directory is renamed into place at the end: a failure leaves nothing.
 */
public final class GetCommand extends CairnCommand<GetCommand.GetResult> {
  private final String url;
  private final String path;
  private final Map<String, String> env;
  private Path out;
  private Path baseDir = Path.of("").toAbsolutePath();
  private String rev;
  private boolean force;
  private String remote;
  private Path config;
  private final RegistrySettings settings = new RegistrySettings();

  GetCommand(String url, String path, Map<String, String> env) {
    super(null);
    this.url = Objects.requireNonNull(url);
    this.path = Objects.requireNonNull(path);
    this.env = Map.copyOf(env);
  }

  /**
   * The result.
   *
   * @param out the path written, absolute
   * @param rev the source commit read
   * @param hash the data's hash
   * @param transfer what was downloaded from remotes
   */
  public record GetResult(Path out, String rev, HashInfo hash, TransferResult transfer) {}

  /** Where to write ({@code -o}); inside it when it is a directory. Default: the source's name in the base directory. */
  public GetCommand setOut(Path out) {
    this.out = out;
    return this;
  }

  /** The directory relative paths (source and output) are resolved against; default the current directory. */
  public GetCommand setBaseDir(Path dir) {
    this.baseDir = dir.toAbsolutePath().normalize();
    return this;
  }

  public GetCommand setRev(String rev) {
    this.rev = rev;
    return this;
  }

  /** Replace an existing file or directory at the destination ({@code -f}). */
  public GetCommand setForce(boolean b) {
    this.force = b;
    return this;
  }

  public GetCommand setRemote(String name) {
    this.remote = name;
    return this;
  }

  public GetCommand setConfig(Path file) {
    this.config = file;
    return this;
  }

  /** How Git authenticates (token, credential helper, SSH keys). */
  public GetCommand setGitAccess(GitAccess a) {
    settings.access = a;
    return this;
  }

  /** Where clones are cached (default {@code CAIRN_REPO_CACHE}, else the user's cache directory). */
  public GetCommand setCloneCache(Path dir) {
    settings.cloneCache = dir;
    return this;
  }

  /** Parallel downloads ({@code -j}); 0 for 4 × CPUs. */
  public GetCommand setJobs(int jobs) {
    settings.jobs(jobs);
    return this;
  }

  /** How failed downloads are retried. */
  public GetCommand setRetryPolicy(RetryPolicy p) {
    settings.retry(p);
    return this;
  }

  /** Wraps every remote storage opened (instrumentation, fault injection). */
  public GetCommand setStorageDecorator(UnaryOperator<Storage> d) {
    settings.decorator(d);
    return this;
  }

  @Override
  public GetResult call() throws CairnException {
    checkCallable();
    monitor = new ThreadSafeProgressMonitor(monitor);
    return Repo.translate(this::run);
  }

  private GetResult run() throws Exception {
    Path target = ImportTargets.resolve(baseDir, out == null ? null : baseDir.resolve(out), path);
    ImportTargets.checkFree(target, target.toString(), force);
    Path configFile = config == null ? null : baseDir.resolve(config);
    try (Registry registry = settings.registry(env, monitor)) {
      SourceRepo src = registry.open(url, baseDir, rev, true);
      SourceTree.Target t = src.tree().resolve(path);
      if (t == null) {
        throw CairnException.invalidInput("Path '" + path + "' does not exist in " + src.describe()
            + ", neither as a DVC output nor as a Git-tracked file; see 'cairn list "
            + dev.cairn.storage.Redact.url(url) + "'");
      }
      Path scratch = target.resolveSibling(".cairn-get-" + UUID.randomUUID());
      try {
        ObjectDb odb = new ObjectDb(scratch, false);
        Materialized data = registry.materialize(src, t, odb, remote, configFile);
        ImportTargets.place(odb, data, target, force);
        return new GetResult(target, src.rev(), data.hash(), data.transfer());
      } finally {
        if (Files.exists(scratch)) {
          ImportTargets.deleteTree(scratch);
        }
      }
    }
  }
}
