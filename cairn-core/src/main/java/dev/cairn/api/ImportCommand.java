package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.registry.GitAccess;
import dev.cairn.registry.ImportStage;
import dev.cairn.registry.Materialized;
import dev.cairn.registry.Registry;
import dev.cairn.registry.RepoDep;
import dev.cairn.registry.SourceRepo;
import dev.cairn.registry.SourceTree;
import dev.cairn.repo.Repo;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.Storage;
import dev.cairn.transfer.TransferResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code import}: brings a file or directory of another repository (a DVC data registry, or any Git
 * repository) into the workspace and tracks it with a {@code .dvc} file byte-identical to DVC's
 * ({@code md5}, {@code frozen: true}, a dep with {@code repo: {url, rev, rev_lock}}, the output's
 * hash). The source is cloned into the per-user clone cache (or read in place when it is a local
 * path) and read at {@code --rev} (default: its default branch); the path may be an output of its
 * {@code .dvc} files or {@code dvc.lock}, a file or directory inside one, Git-tracked, or a directory
 * mixing both. Data comes from the source's own remote (as its committed {@code .dvc/config} names
 * it) or its upstream for data it imported itself, hash-checked into this repository's cache, then
 * checked out. Nothing is written to the workspace unless every object arrived intact.
 */
public final class ImportCommand extends RepoCommand<ImportCommand.ImportResult> {
  private final String url;
  private final String path;
  private Path out;
  private Path baseDir;
  private String rev;
  private boolean noExec;
  private boolean noDownload;
  private boolean force;
  private String remote;
  private Path config;
  private final RegistrySettings settings = new RegistrySettings();

  ImportCommand(Repo repo, String url, String path) {
    super(repo);
    this.url = Objects.requireNonNull(url);
    this.path = Objects.requireNonNull(path);
  }

  /**
   * The result.
   *
   * @param dvcFile the {@code .dvc} file written, repo-relative
   * @param out the output, repo-relative
   * @param revLock the source commit imported (null for {@code --no-exec})
   * @param hash the output's hash (null when nothing was downloaded)
   * @param transfer what was downloaded
   */
  public record ImportResult(String dvcFile, String out, String revLock, HashInfo hash, TransferResult transfer) {}

  /** Where to put the data ({@code -o}); inside it when it is a directory. Default: the source's name at the root. */
  public ImportCommand setOut(Path out) {
    this.out = out;
    return this;
  }

  /** The directory a relative local source path (and a default output) is resolved against; default the root. */
  public ImportCommand setBaseDir(Path dir) {
    this.baseDir = dir;
    return this;
  }

  /** The source revision ({@code --rev}): branch, tag or commit; recorded as {@code rev}. */
  public ImportCommand setRev(String rev) {
    this.rev = rev;
    return this;
  }

  /** Write the {@code .dvc} file only, without reading the source ({@code --no-exec}). */
  public ImportCommand setNoExec(boolean b) {
    this.noExec = b;
    return this;
  }

  /** Resolve and record the source commit, but download nothing ({@code --no-download}). */
  public ImportCommand setNoDownload(boolean b) {
    this.noDownload = b;
    return this;
  }

  /** Replace an existing output and {@code .dvc} file ({@code -f}). */
  public ImportCommand setForce(boolean b) {
    this.force = b;
    return this;
  }

  /** The source remote to read from when its outputs name none ({@code --remote}); recorded as {@code remote}. */
  public ImportCommand setRemote(String name) {
    this.remote = name;
    return this;
  }

  /** A config file merged over the source's configuration ({@code --config}); recorded as {@code config}. */
  public ImportCommand setConfig(Path file) {
    this.config = file;
    return this;
  }

  /** How Git authenticates (token, credential helper, SSH keys). */
  public ImportCommand setGitAccess(GitAccess a) {
    settings.access = a;
    return this;
  }

  /** Where clones are cached (default {@code CAIRN_REPO_CACHE}, else the user's cache directory). */
  public ImportCommand setCloneCache(Path dir) {
    settings.cloneCache = dir;
    return this;
  }

  /** Parallel downloads ({@code -j}); 0 for 4 × CPUs. */
  public ImportCommand setJobs(int jobs) {
    settings.jobs(jobs);
    return this;
  }

  /** How failed downloads are retried. */
  public ImportCommand setRetryPolicy(RetryPolicy p) {
    settings.retry(p);
    return this;
  }

  /** Wraps every remote storage opened (instrumentation, fault injection). */
  public ImportCommand setStorageDecorator(UnaryOperator<Storage> d) {
    settings.decorator(d);
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  ImportResult run() throws IOException, CairnException {
    if (noExec && noDownload) {
      throw CairnException.invalidInput("--no-exec and --no-download cannot be combined");
    }
    ImportTargets.refusePassword(url, "set CAIRN_GIT_TOKEN or configure a git credential helper");
    Path root = repo.root();
    Path base = baseDir == null ? root : baseDir.toAbsolutePath().normalize();
    Path target = ImportTargets.resolve(base, out == null ? null : root.resolve(out), path);
    ImportTargets.checkInRepo(repo, target, force);
    Path dvcFile = ImportTargets.dvcFileOf(target);
    String outName = target.getFileName().toString();
    Path configFile = config == null ? null : base.resolve(config).toAbsolutePath().normalize();
    RepoDep dep = new RepoDep(path, recordedUrl(url, base, root), rev, null,
        configFile == null ? null : recordedPath(configFile, root), remote);
    if (noExec) {
      Map<String, Object> file = ImportStage.create(dep.toMap(), outName, null, false);
      ImportTargets.writeDvcFile(repo, dvcFile, file, target);
      return new ImportResult(repo.relativize(dvcFile), repo.relativize(target), null, null, TransferResult.empty());
    }
    try (Registry registry = settings.registry(repo.env(), monitor)) {
      SourceRepo src = registry.open(url, base, rev, true);
      SourceTree.Target t = src.tree().resolve(path);
      if (t == null) {
        throw CairnException.invalidInput("Path '" + path + "' does not exist in " + src.describe()
            + ", neither as a DVC output nor as a Git-tracked file; see 'cairn list " + dev.cairn.storage.Redact.url(url)
            + "'");
      }
      dep = dep.withRevLock(src.rev());
      if (noDownload) {
        Map<String, Object> file = ImportStage.create(dep.toMap(), outName, null, true);
        ImportTargets.writeDvcFile(repo, dvcFile, file, target);
        return new ImportResult(repo.relativize(dvcFile), repo.relativize(target), src.rev(), null,
            TransferResult.empty());
      }
      Materialized data = registry.materialize(src, t, repo.odb(), remote, configFile);
      Map<String, Object> file = ImportStage.create(dep.toMap(), outName, data, true);
      @SuppressWarnings("unchecked")
      Map<String, Object> outEntry = (Map<String, Object>) ((java.util.List<?>) file.get("outs")).get(0);
      ImportTargets.checkout(repo, dvcFile, outEntry, target, force, monitor);
      ImportTargets.writeDvcFile(repo, dvcFile, file, target);
      return new ImportResult(repo.relativize(dvcFile), repo.relativize(target), src.rev(), data.hash(),
          data.transfer());
    }
  }

  /**
   * The URL as a {@code .dvc} file records it: as given, except that a relative local path is made
   * relative to the repository root (later commands resolve it there).
   */
  static String recordedUrl(String url, Path base, Path root) {
    Path local = url.contains("://") || url.startsWith("/") ? null : base.resolve(url).normalize();
    if (local == null || base.equals(root) || !java.nio.file.Files.isDirectory(local)) {
      return url;
    }
    return recordedPath(local, root);
  }

  /** A local path as recorded: relative to the root when inside or near it, POSIX separators. */
  static String recordedPath(Path p, Path root) {
    return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }
}
