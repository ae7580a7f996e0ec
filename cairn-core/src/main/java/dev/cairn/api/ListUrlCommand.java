package dev.cairn.api;

import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.registry.UrlSource;
import dev.cairn.repo.Repo;
import dev.cairn.storage.Storage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code ls-url}/{@code list-url}: the contents of a URL as {@code dvc ls-url} lists them: a file
 * as itself, a directory's files and first-level directories (every file below it when recursive),
 * sorted; sizes only when asked for (one request per file on a remote). No repository is needed.
 */
public final class ListUrlCommand extends CairnCommand<List<UrlSource.Entry>> {
  private final String url;
  private Path baseDir = Path.of("").toAbsolutePath();
  private boolean recursive;
  private boolean sizes;
  private DvcConfig config;
  private UnaryOperator<Storage> decorator = UnaryOperator.identity();

  ListUrlCommand(String url) {
    super(null);
    this.url = Objects.requireNonNull(url);
  }

  public ListUrlCommand setBaseDir(Path dir) {
    this.baseDir = dir.toAbsolutePath().normalize();
    return this;
  }

  /** Every file below a directory ({@code -R}). */
  public ListUrlCommand setRecursive(boolean b) {
    this.recursive = b;
    return this;
  }

  /** Read each file's size ({@code --size}). */
  public ListUrlCommand setSizes(boolean b) {
    this.sizes = b;
    return this;
  }

  /** The configuration of the repository the command runs in, or null outside one. */
  public ListUrlCommand setRepoConfig(DvcConfig c) {
    this.config = c;
    return this;
  }

  /** Wraps every remote storage opened (instrumentation, fault injection). */
  public ListUrlCommand setStorageDecorator(UnaryOperator<Storage> d) {
    this.decorator = Objects.requireNonNull(d);
    return this;
  }

  @Override
  public List<UrlSource.Entry> call() throws CairnException {
    checkCallable();
    return Repo.translate(() -> {
      try (UrlSource src = UrlSource.open(url, baseDir, config, decorator)) {
        List<UrlSource.Entry> entries = src.list(recursive);
        return sizes ? src.withSizes(entries) : entries;
      }
    });
  }
}
