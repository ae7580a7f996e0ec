package dev.cairn.repo;

import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.ObjectDb;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.InvalidDvcFileException;
import dev.cairn.workspace.RepoLock;
import dev.cairn.workspace.StateDb;
import dev.cairn.workspace.WorkspaceHasher;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An open repository: its root (the directory holding {@code .dvc/}), its configuration (read
 * once), and the services commands share: the object cache, the state cache and the {@code
 * .dvcignore} rules. Obtained from {@link #open} (the porcelain's {@code Cairn.open} finds the root
 * and calls it); closed by its opener. Not thread-safe.
 */
public final class Repo implements AutoCloseable {
  private final Path root;
  private final Map<String, String> env;
  private final DvcConfig config;
  private ObjectDb odb;
  private StateDb state;
  private WorkspaceHasher hasher;

  /**
   * Opens the repository whose root (the directory holding {@code .dvc/}) is {@code root}.
   *
   * @param env environment variables (config locations, credentials, {@code CAIRN_*} switches)
   * @throws CairnException of kind {@code INVALID_INPUT} when its configuration cannot be read
   */
  public static Repo open(Path root, Map<String, String> env) throws CairnException {
    try {
      return new Repo(root, env);
    } catch (IOException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }

  private Repo(Path root, Map<String, String> env) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.env = Map.copyOf(env);
    this.config = DvcConfig.load(dvcDir(), env);
  }

  /** The repository root, absolute and normalised. */
  public Path root() {
    return root;
  }

  /** The {@code .dvc} directory. */
  public Path dvcDir() {
    return root.resolve(".dvc");
  }

  /** The environment the repository was opened with. */
  public Map<String, String> env() {
    return env;
  }

  /** The merged configuration. */
  public DvcConfig config() {
    return config;
  }

  /** The cache directory: {@code cache.dir} (relative to its config file's dir) or {@code .dvc/cache}. */
  public Path cacheDir() {
    DvcConfig.Value v = config.resolved("cache", "dir");
    return v.value() == null ? dvcDir().resolve("cache") : v.asPath();
  }

  /** The configured link types ({@code cache.type}), DVC's default {@code reflink,copy}. */
  public List<LinkType> linkTypes() {
    return LinkType.parseList(config.get("cache", "type"));
  }

  /** The object cache. */
  public ObjectDb odb() {
    if (odb == null) {
      odb = new ObjectDb(cacheDir(), !"0".equals(env.get("CAIRN_FSYNC")));
    }
    return odb;
  }

  /** The state cache (file hashes by stat). */
  public StateDb state() {
    if (state == null) {
      state = StateDb.open(dvcDir().resolve("tmp"));
    }
    return state;
  }

  /** The workspace hasher (state cache + .dvcignore). */
  public WorkspaceHasher hasher() {
    if (hasher == null) {
      hasher = new WorkspaceHasher(root, state(), new DvcIgnore(root));
    }
    return hasher;
  }

  /** {@code root}-relative, {@code /}-separated form of an absolute path inside the repository. */
  public String relativize(Path p) {
    return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** How long a writer waits for another process's lock before it fails. */
  public static final long LOCK_WAIT_MS = 3000;

  /**
   * Runs one operation on this repository the way every command does: under the repository lock
   * when it {@code writes} (waiting up to {@link #LOCK_WAIT_MS}), with the state cache flushed
   * afterwards, and with the plumbing's exceptions translated into {@link CairnException}s of the
   * right kind (locked or conflicting: unexpected state; invalid {@code .dvc} file or unsafe path:
   * invalid input; any other I/O failure: failed, cause kept). The porcelain's commands and the
   * experiment runner (in its temporary workspaces) run through here. {@code body} may throw
   * {@link IOException} and {@link CairnException}; anything else checked is a bug.
   *
   * @throws CairnException what {@code body} threw, or its {@code IOException} translated
   */
  public <T> T call(boolean writes, Callable<T> body) throws CairnException {
    if (!writes) {
      return translate(body);
    }
    return translate(() -> {
      try (RepoLock lock = RepoLock.acquire(dvcDir(), LOCK_WAIT_MS)) {
        return body.call();
      } finally {
        state().flush();
      }
    });
  }

  /**
   * Runs {@code body} with the plumbing's exceptions translated as {@link #call} translates them,
   * without a repository: for the commands that work outside one ({@code get}, {@code list}).
   *
   * @throws CairnException what {@code body} threw, or its {@code IOException} translated
   */
  public static <T> T translate(Callable<T> body) throws CairnException {
    try {
      return body.call();
    } catch (CairnException e) {
      throw e;
    } catch (RepoLock.LockedException e) {
      throw CairnException.unexpectedState(e.getMessage());
    } catch (InvalidDvcFileException | Checkouter.UnsafePathException e) {
      throw CairnException.invalidInput(e.getMessage());
    } catch (Checkouter.ConflictException e) {
      throw CairnException.unexpectedState(e.getMessage());
    } catch (NoSuchFileException e) {
      throw CairnException.failed("No such file: " + e.getMessage(), e);
    } catch (AccessDeniedException e) {
      throw CairnException.failed("Permission denied: " + e.getMessage(), e);
    } catch (IOException e) {
      throw CairnException.failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Unexpected " + e, e); // body declares no other checked exception
    }
  }

  @Override
  public void close() {
    if (state != null) {
      state.close();
      state = null;
      hasher = null;
    }
  }
}
