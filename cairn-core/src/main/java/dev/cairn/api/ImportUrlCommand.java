package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.registry.ImportStage;
import dev.cairn.registry.Materialized;
import dev.cairn.registry.UrlSource;
import dev.cairn.repo.Repo;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.Storage;
import dev.cairn.storage.Storages;
import dev.cairn.transfer.TransferResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code import-url}: downloads a file or directory from a URL (a local path, {@code s3://}, {@code
 * azure://}, {@code https://}, {@code ssh://}, or {@code remote://<name>/<path>}) into the cache and
 * the workspace, and tracks it with the {@code .dvc} file DVC writes: {@code md5}, {@code frozen:
 * true}, a dep holding the URL and the checksum its server reports (S3/Azure ETag, HTTP ETag as
 * {@code checksum}, else the content's MD5), the output's hash. Unlike {@code import}, the data is
 * this repository's: {@code push} uploads it. Nothing is written to the workspace unless the whole
 * download succeeded.
 */
public final class ImportUrlCommand extends RepoCommand<ImportCommand.ImportResult> {
  private final String url;
  private Path out;
  private Path baseDir;
  private boolean noExec;
  private boolean noDownload;
  private boolean force;
  private boolean toRemote;
  private boolean versionAware;
  private final RegistrySettings settings = new RegistrySettings();

  ImportUrlCommand(Repo repo, String url) {
    super(repo);
    this.url = Objects.requireNonNull(url);
  }

  /** Where to put the data; inside it when it is a directory. Default: the URL's last name in the base directory. */
  public ImportUrlCommand setOut(Path out) {
    this.out = out;
    return this;
  }

  /** The directory a relative local URL and the default output are resolved against; default the root. */
  public ImportUrlCommand setBaseDir(Path dir) {
    this.baseDir = dir;
    return this;
  }

  public ImportUrlCommand setNoExec(boolean b) {
    this.noExec = b;
    return this;
  }

  /** Record the source's checksum, but download nothing ({@code --no-download}; {@code pull} does). */
  public ImportUrlCommand setNoDownload(boolean b) {
    this.noDownload = b;
    return this;
  }

  public ImportUrlCommand setForce(boolean b) {
    this.force = b;
    return this;
  }

  /** DVC's {@code --to-remote}, not supported here (refused). */
  public ImportUrlCommand setToRemote(boolean b) {
    this.toRemote = b;
    return this;
  }

  /** DVC's {@code --version-aware} (cloud versioning), not supported here (refused). */
  public ImportUrlCommand setVersionAware(boolean b) {
    this.versionAware = b;
    return this;
  }

  /** Parallel downloads ({@code -j}); 0 for 4 × CPUs. */
  public ImportUrlCommand setJobs(int jobs) {
    settings.jobs(jobs);
    return this;
  }

  /** How failed downloads are retried. */
  public ImportUrlCommand setRetryPolicy(RetryPolicy p) {
    settings.retry(p);
    return this;
  }

  /** Wraps every remote storage opened (instrumentation, fault injection). */
  public ImportUrlCommand setStorageDecorator(UnaryOperator<Storage> d) {
    settings.decorator(d);
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  ImportCommand.ImportResult run() throws IOException, CairnException {
    if (toRemote && (noExec || noDownload || versionAware)) {
      throw CairnException.invalidInput("--no-exec/--no-download/--version-aware cannot be combined with --to-remote");
    }
    if (noExec && noDownload) {
      throw CairnException.invalidInput("--no-exec and --no-download cannot be combined");
    }
    if (toRemote) {
      throw CairnException.invalidInput("import-url --to-remote is not supported by Cairn; import the data, then"
          + " 'cairn push' it");
    }
    if (versionAware) {
      throw CairnException.invalidInput("import-url --version-aware (cloud versioning) is not supported by Cairn;"
          + " import without it to record the object's ETag");
    }
    ImportTargets.refusePassword(url, "put the credentials in a remote's .dvc/config.local, then import"
        + " remote://<name>/<path>");
    Path root = repo.root();
    Path base = baseDir == null ? root : baseDir.toAbsolutePath().normalize();
    Path target = ImportTargets.resolve(base, out == null ? null : root.resolve(out), url);
    ImportTargets.checkInRepo(repo, target, force);
    Path dvcFile = ImportTargets.dvcFileOf(target);
    String outName = target.getFileName().toString();
    String recorded = recordedUrl(url, base, target.getParent());
    if (noExec) {
      Map<String, Object> dep = new LinkedHashMap<>();
      dep.put("hash", "md5");
      dep.put("path", recorded);
      ImportTargets.writeDvcFile(repo, dvcFile, ImportStage.create(dep, outName, null, false), target);
      return new ImportCommand.ImportResult(repo.relativize(dvcFile), repo.relativize(target), null, null,
          TransferResult.empty());
    }
    try (UrlSource src = UrlSource.open(url, base, repo.config(), settings.decorator)) {
      if (noDownload) {
        Map<String, Object> dep = src.dep(recorded, null);
        ImportTargets.writeDvcFile(repo, dvcFile, ImportStage.create(dep, outName, null, true), target);
        return new ImportCommand.ImportResult(repo.relativize(dvcFile), repo.relativize(target), null, null,
            TransferResult.empty());
      }
      Materialized data = src.fetch(repo.odb(), settings.retry);
      Map<String, Object> file = ImportStage.create(src.dep(recorded, data), outName, data, true);
      @SuppressWarnings("unchecked")
      Map<String, Object> outEntry = (Map<String, Object>) ((List<?>) file.get("outs")).get(0);
      ImportTargets.checkout(repo, dvcFile, outEntry, target, force, monitor);
      ImportTargets.writeDvcFile(repo, dvcFile, file, target);
      return new ImportCommand.ImportResult(repo.relativize(dvcFile), repo.relativize(target), null, data.hash(),
          data.transfer());
    }
  }

  /**
   * The URL as the dep records it: as given, except that a local path inside the repository is
   * made relative to the {@code .dvc} file's directory (as DVC does).
   */
  static String recordedUrl(String url, Path base, Path dvcDir) {
    if (Storages.schemeOf(url) != null) {
      return url;
    }
    Path p = base.resolve(url).toAbsolutePath().normalize();
    Path root = dvcDir;
    while (root != null && !java.nio.file.Files.isDirectory(root.resolve(".dvc"))) {
      root = root.getParent();
    }
    if (root != null && p.startsWith(root)) {
      return dvcDir.relativize(p).toString().replace('\\', '/');
    }
    return url;
  }
}
