package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import dev.cairn.progress.ThreadSafeProgressMonitor;
import dev.cairn.registry.GitAccess;
import dev.cairn.registry.Registry;
import dev.cairn.registry.SourceRepo;
import dev.cairn.registry.SourceTree;
import dev.cairn.repo.Repo;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code list}/{@code ls}: the entries of a repository at a revision, Git-tracked and DVC-tracked
 * together, as {@code dvc list} returns them ({@code isout, isdir, isexec, size, md5, path}): the
 * children of the root or of {@code path}, every file below it when recursive, only outputs (and the
 * directories leading to them) with {@code dvcOnly}. Listing inside a DVC-tracked directory reads its
 * {@code .dir} manifest from the source's remote into a temporary cache; nothing else is downloaded.
 * Needs no repository here.
 */
public final class ListCommand extends CairnCommand<ListCommand.ListResult> {
  private final String url;
  private final Map<String, String> env;
  private String path = "";
  private Path baseDir = Path.of("").toAbsolutePath();
  private String rev;
  private boolean recursive;
  private boolean dvcOnly;
  private String remote;
  private Path config;
  private final RegistrySettings settings = new RegistrySettings();

  ListCommand(String url, Map<String, String> env) {
    super(null);
    this.url = Objects.requireNonNull(url);
    this.env = Map.copyOf(env);
  }

  /**
   * The result.
   *
   * @param rev the commit listed
   * @param entries sorted by path
   */
  public record ListResult(String rev, List<SourceTree.Entry> entries) {}

  /** The directory or file to list; default the root. */
  public ListCommand setPath(String path) {
    this.path = path == null ? "" : path;
    return this;
  }

  public ListCommand setBaseDir(Path dir) {
    this.baseDir = dir.toAbsolutePath().normalize();
    return this;
  }

  public ListCommand setRev(String rev) {
    this.rev = rev;
    return this;
  }

  /** Every file below the path instead of its children ({@code -R}). */
  public ListCommand setRecursive(boolean b) {
    this.recursive = b;
    return this;
  }

  /** Only DVC-tracked entries ({@code --dvc-only}). */
  public ListCommand setDvcOnly(boolean b) {
    this.dvcOnly = b;
    return this;
  }

  public ListCommand setRemote(String name) {
    this.remote = name;
    return this;
  }

  public ListCommand setConfig(Path file) {
    this.config = file;
    return this;
  }

  /** How Git authenticates (token, credential helper, SSH keys). */
  public ListCommand setGitAccess(GitAccess a) {
    settings.access = a;
    return this;
  }

  /** Where clones are cached (default {@code CAIRN_REPO_CACHE}, else the user's cache directory). */
  public ListCommand setCloneCache(Path dir) {
    settings.cloneCache = dir;
    return this;
  }

  /** How failed downloads are retried. */
  public ListCommand setRetryPolicy(RetryPolicy p) {
    settings.retry(p);
    return this;
  }

  /** Wraps every remote storage opened (instrumentation, fault injection). */
  public ListCommand setStorageDecorator(UnaryOperator<Storage> d) {
    settings.decorator(d);
    return this;
  }

  @Override
  public ListResult call() throws CairnException {
    checkCallable();
    monitor = new ThreadSafeProgressMonitor(monitor);
    return Repo.translate(this::run);
  }

  private ListResult run() throws Exception {
    Path configFile = config == null ? null : baseDir.resolve(config);
    Path scratch = null;
    try (Registry registry = settings.registry(env, monitor)) {
      SourceRepo src = registry.open(url, baseDir, rev, true);
      Path[] tmp = new Path[1];
      SourceTree.Manifests manifests = new SourceTree.Manifests() {
        ObjectDb odb;

        @Override
        public Manifest of(SourceTree.SourceOutput o) throws IOException {
          if (odb == null) {
            tmp[0] = Files.createTempDirectory("cairn-list-");
            odb = new ObjectDb(tmp[0], false);
          }
          try {
            return registry.manifest(src, o, odb, remote, configFile);
          } catch (CairnException e) {
            throw new ListFailure(e);
          }
        }
      };
      List<SourceTree.Entry> entries;
      try {
        entries = src.tree().list(path, recursive, dvcOnly, manifests);
      } catch (ListFailure e) {
        throw e.cause;
      } finally {
        scratch = tmp[0];
      }
      if (entries == null) {
        throw CairnException.invalidInput("The path '" + path + "' does not exist in " + src.describe()
            + ", neither as a DVC output nor as a Git-tracked file");
      }
      return new ListResult(src.rev(), entries);
    } finally {
      if (scratch != null) {
        ImportTargets.deleteTree(scratch);
      }
    }
  }

  /** Carries a registry failure out of the manifest callback. */
  private static final class ListFailure extends IOException {
    final CairnException cause;

    ListFailure(CairnException cause) {
      super(cause.getMessage());
      this.cause = cause;
    }
  }
}
