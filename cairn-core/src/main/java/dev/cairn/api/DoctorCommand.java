package dev.cairn.api;

import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.storage.Md5;
import dev.cairn.storage.Storages;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@code version}/{@code doctor}: the environment Cairn runs in, as DVC's {@code dvc doctor} reports
 * it — the JVM and operating system, the MD5 implementation, the remote types on the class path, the
 * config locations and, inside a repository, which link types work between its cache and workspace,
 * the file systems they are on, the remotes configured and whether Git is used. Read-only except
 * for the link test, which creates and deletes two hidden files in the workspace root and one in
 * the cache. Single use.
 */
public final class DoctorCommand {
  private final Path dir;
  private final Map<String, String> env;
  private boolean called;

  DoctorCommand(Path dir, Map<String, String> env) {
    this.dir = dir.toAbsolutePath().normalize();
    this.env = Map.copyOf(env);
  }

  /**
   * What {@code doctor} found.
   *
   * @param java the JVM: version and vendor, e.g. {@code 17.0.12 (Eclipse Adoptium)}
   * @param os the operating system: name, version and architecture
   * @param md5 where MD5 runs: {@code OpenSSL (libcrypto)} or {@code JDK}
   * @param remoteTypes the remote URL schemes supported besides local paths, sorted
   * @param globalConfigDir the global config directory
   * @param systemConfigDir the system config directory
   * @param repo the repository, or null outside one
   */
  public record Report(String java, String os, String md5, List<String> remoteTypes, Path globalConfigDir,
      Path systemConfigDir, RepoInfo repo) {
    public Report {
      remoteTypes = List.copyOf(remoteTypes);
    }
  }

  /**
   * The repository part of the report.
   *
   * @param root the repository root
   * @param cacheDir the cache directory
   * @param cacheTypes the link types that work from the cache into the workspace ({@code hardlink},
   *     {@code symlink}; {@code reflink} is never listed, as the JVM cannot clone files); null when
   *     the cache directory does not exist yet
   * @param cacheFilesystem the cache's file system, {@code <type> on <device>}
   * @param configuredCacheType {@code cache.type} as configured, or null for DVC's default
   * @param remotes the configured remotes' types ({@code local}, {@code s3} …), in config order
   * @param workspaceFilesystem the workspace's file system, {@code <type> on <device>}
   * @param scm {@code dvc, git}, {@code dvc (subdir), git} or {@code dvc (no_scm)}
   */
  public record RepoInfo(Path root, Path cacheDir, List<String> cacheTypes, String cacheFilesystem,
      String configuredCacheType, List<String> remotes, String workspaceFilesystem, String scm) {
    public RepoInfo {
      cacheTypes = cacheTypes == null ? null : List.copyOf(cacheTypes);
      remotes = List.copyOf(remotes);
    }
  }

  /** Gathers the report; never fails for a broken repository, which is reported as far as it can be read. */
  public Report call() throws CairnException {
    if (called) {
      throw new IllegalStateException("DoctorCommand can only be called once");
    }
    called = true;
    String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
    String md5 = Md5.isNative() ? "OpenSSL (libcrypto)" : "JDK";
    RepoInfo repo = null;
    Path root = null;
    try {
      root = Cairn.findRoot(dir);
    } catch (CairnException e) {
      // outside a repository: the environment only
    }
    if (root != null) {
      try (Repo r = Repo.open(root, env)) {
        repo = repoInfo(r);
      }
    }
    return new Report(java, os, md5, Storages.schemes(), DvcConfig.globalConfigDir(env),
        DvcConfig.systemConfigDir(env), repo);
  }

  private static RepoInfo repoInfo(Repo r) {
    Path cache = r.cacheDir();
    List<String> types = Files.isDirectory(cache) ? linkTypes(cache, r.root()) : null;
    List<String> remotes = new ArrayList<>();
    for (String name : r.config().remoteNames()) {
      String url = r.config().remote(name).get("url");
      String scheme = url == null ? null : Storages.schemeOf(url);
      remotes.add(scheme == null || scheme.equals("file") ? "local" : scheme);
    }
    String scm;
    if (r.config().getBoolean("core", "no_scm", false)) {
      scm = "dvc (no_scm)";
    } else {
      FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(r.root().toFile());
      if (b.getGitDir() == null) {
        scm = "dvc (no git repository found)";
      } else {
        Path top;
        try (org.eclipse.jgit.lib.Repository g = b.build()) {
          top = g.isBare() ? null : g.getWorkTree().toPath().toAbsolutePath().normalize();
        } catch (IOException | IllegalArgumentException e) {
          top = null;
        }
        scm = top == null ? "dvc, git (broken)" : top.equals(r.root()) ? "dvc, git" : "dvc (subdir), git";
      }
    }
    return new RepoInfo(r.root(), cache, types, Files.isDirectory(cache) ? filesystem(cache) : null,
        r.config().get("cache", "type"), remotes, filesystem(r.root()), scm);
  }

  /** {@code <type> on <device>} of the file system holding {@code p}, as DVC prints it. */
  static String filesystem(Path p) {
    try {
      FileStore fs = Files.getFileStore(p.toRealPath());
      return fs.type() + " on " + fs.name();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Which of hardlink and symlink work from a file in {@code cache} to a file in {@code workspace}. */
  static List<String> linkTypes(Path cache, Path workspace) {
    List<String> out = new ArrayList<>();
    String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    Path src = cache.resolve(".cairn-doctor-" + tag + ".tmp");
    Path hard = workspace.resolve(".cairn-doctor-" + tag + "-hardlink.tmp");
    Path soft = workspace.resolve(".cairn-doctor-" + tag + "-symlink.tmp");
    try {
      Files.writeString(src, "test");
      try {
        Files.createLink(hard, src);
        out.add("hardlink");
      } catch (IOException | UnsupportedOperationException e) {
        // not supported between these directories
      }
      try {
        Files.createSymbolicLink(soft, src);
        out.add("symlink");
      } catch (IOException | UnsupportedOperationException e) {
        // not supported here
      }
    } catch (IOException e) {
      // a read-only cache: no link type can be tested
    } finally {
      for (Path p : List.of(hard, soft, src)) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a hidden temp file
        }
      }
    }
    return out;
  }
}
