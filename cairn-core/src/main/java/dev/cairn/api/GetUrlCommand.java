package dev.cairn.api;

import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.odb.ObjectDb;
import dev.cairn.progress.ThreadSafeProgressMonitor;
import dev.cairn.registry.Materialized;
import dev.cairn.registry.UrlSource;
import dev.cairn.repo.Repo;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * {@code get-url}: downloads a file or directory from a URL to a path, without tracking it; no
 * repository is needed (inside one, {@code remote://<name>/…} and the keys of its remotes apply).
 * The file or whole directory appears at its destination only when complete.
 */
public final class GetUrlCommand extends CairnCommand<GetUrlCommand.GetUrlResult> {
  private final String url;
  private Path out;
  private Path baseDir = Path.of("").toAbsolutePath();
  private boolean force;
  private DvcConfig config;
  private final RegistrySettings settings = new RegistrySettings();

  GetUrlCommand(String url) {
    super(null);
    this.url = Objects.requireNonNull(url);
  }

  /**
   * The result.
   *
   * @param out the path written
   * @param data what was downloaded
   */
  public record GetUrlResult(Path out, Materialized data) {}

  public GetUrlCommand setOut(Path out) {
    this.out = out;
    return this;
  }

  public GetUrlCommand setBaseDir(Path dir) {
    this.baseDir = dir.toAbsolutePath().normalize();
    return this;
  }

  public GetUrlCommand setForce(boolean b) {
    this.force = b;
    return this;
  }

  /** The configuration of the repository the command runs in (its remotes), or null outside one. */
  public GetUrlCommand setRepoConfig(DvcConfig c) {
    this.config = c;
    return this;
  }

  /** Parallel downloads ({@code -j}); 0 for 4 × CPUs. */
  public GetUrlCommand setJobs(int jobs) {
    settings.jobs(jobs);
    return this;
  }

  /** How failed downloads are retried. */
  public GetUrlCommand setRetryPolicy(RetryPolicy p) {
    settings.retry(p);
    return this;
  }

  /** Wraps every remote storage opened (instrumentation, fault injection). */
  public GetUrlCommand setStorageDecorator(UnaryOperator<Storage> d) {
    settings.decorator(d);
    return this;
  }

  @Override
  public GetUrlResult call() throws CairnException {
    checkCallable();
    monitor = new ThreadSafeProgressMonitor(monitor);
    return Repo.translate(() -> {
      Path target = ImportTargets.resolve(baseDir, out == null ? null : baseDir.resolve(out), url);
      ImportTargets.checkFree(target, target.toString(), force);
      try (UrlSource src = UrlSource.open(url, baseDir, config, settings.decorator)) {
        Path scratch = target.resolveSibling(".cairn-get-" + UUID.randomUUID());
        try {
          ObjectDb odb = new ObjectDb(scratch, false);
          Materialized data = src.fetch(odb, settings.retry);
          ImportTargets.place(odb, data, target, force);
          return new GetUrlResult(target, data);
        } finally {
          if (Files.exists(scratch)) {
            ImportTargets.deleteTree(scratch);
          }
        }
      }
    });
  }
}
