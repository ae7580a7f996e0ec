package dev.cairn.repo;

import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.ObjectDb;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.StateDb;
import dev.cairn.workspace.WorkspaceHasher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

  @Override
  public void close() {
    if (state != null) {
      state.close();
    }
  }
}
