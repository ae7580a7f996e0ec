package dev.cairn.registry;

import dev.cairn.errors.CairnException;
import dev.cairn.storage.Redact;
import dev.cairn.workspace.RepoLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FileUtils;

/**
 * The per-user cache of source repositories: one bare clone per URL under {@value #DIR_VAR} (default
 * {@code $XDG_CACHE_HOME/cairn/repos}, else {@code ~/.cache/cairn/repos}), named by the SHA-256 of
 * the URL. A clone is made in a temporary directory beside its final name and renamed into place
 * only when complete, and cloning or fetching a URL holds a lock file ({@code flock}, as the
 * repository lock), so two processes never use a half-cloned repository nor fetch into the same one
 * at once; a clone left by a killed process is deleted by the next one that takes the lock. Reading
 * needs no lock: Git objects never change and refs are replaced atomically.
 *
 * <p>Local repositories (a path, or {@code file://}) are read in place, never cloned.
 */
final class CloneCache {
  /** Environment variable naming the cache directory (tests, or a shared disk). */
  static final String DIR_VAR = "CAIRN_REPO_CACHE";
  /** How long a process waits for another one cloning or fetching the same URL. */
  static final long LOCK_WAIT_MS = 10 * 60 * 1000L;
  private static final int TIMEOUT_S = 120;

  private final Path dir;
  private final GitAccess access;

  CloneCache(Path dir, GitAccess access) {
    this.dir = dir.toAbsolutePath().normalize();
    this.access = access;
  }

  /** The cache directory for {@code env}. */
  static Path defaultDir(Map<String, String> env) {
    String d = env.get(DIR_VAR);
    if (d != null && !d.isBlank()) {
      return Path.of(d);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "cairn", "repos");
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "cairn", "repos");
  }

  Path dir() {
    return dir;
  }

  /** The bare clone of {@code url} in the cache (it may not exist yet). */
  Path cloneDir(String url) {
    return dir.resolve(key(url) + ".git");
  }

  static String key(String url) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The cached clone of a URL, opened.
   *
   * @param repo the bare clone; the caller closes it
   * @param fresh whether it was cloned or fetched just now
   */
  record Opened(Repository repo, boolean fresh) {}

  /**
   * Opens the cached clone of the remote repository {@code url}, cloning it first if needed, and
   * fetching its branches and tags when {@code refresh} (a clone just made is already fresh).
   *
   * @throws CairnException FAILED when Git cannot reach or read the repository, UNEXPECTED_STATE when
   *     another process keeps the lock too long
   */
  Opened open(String url, boolean refresh) throws CairnException {
    Path target = cloneDir(url);
    boolean fresh = false;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw CairnException.failed("Cannot create the clone cache " + dir + ": " + e.getMessage()
          + "; set " + DIR_VAR + " to a writable directory", e);
    }
    try (RepoLock lock = RepoLock.acquireFile(dir.resolve(key(url) + ".lock"), LOCK_WAIT_MS,
        "another cairn command is cloning or fetching " + Redact.url(url))) {
      if (!Files.isDirectory(target)) {
        deleteStaleClones(url);
        Path tmp = dir.resolve(key(url) + ".tmp-" + UUID.randomUUID());
        try {
          clone(url, tmp);
          moveIntoPlace(tmp, target);
          fresh = true;
        } finally {
          if (Files.exists(tmp)) {
            FileUtils.delete(tmp.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
          }
        }
      } else if (refresh) {
        fetch(url, target);
        fresh = true;
      }
    } catch (RepoLock.LockedException e) {
      throw CairnException.unexpectedState(e.getMessage());
    } catch (IOException e) {
      throw CairnException.failed("Cannot update the clone of " + Redact.url(url) + " in " + dir + ": "
          + e.getMessage(), e);
    }
    try {
      return new Opened(new FileRepositoryBuilder().setGitDir(target.toFile()).setMustExist(true).build(), fresh);
    } catch (IOException e) {
      throw CairnException.failed("Cannot open the clone of " + Redact.url(url) + " at " + target + ": "
          + e.getMessage() + "; delete that directory and try again", e);
    }
  }

  /** Fetches the branches and tags of {@code url} into its existing clone, under the lock. */
  void refresh(String url) throws CairnException {
    try (RepoLock lock = RepoLock.acquireFile(dir.resolve(key(url) + ".lock"), LOCK_WAIT_MS,
        "another cairn command is cloning or fetching " + Redact.url(url))) {
      fetch(url, cloneDir(url));
    } catch (RepoLock.LockedException e) {
      throw CairnException.unexpectedState(e.getMessage());
    } catch (IOException e) {
      throw CairnException.failed("Cannot update the clone of " + Redact.url(url) + " in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  private void fetch(String url, Path target) throws CairnException, IOException {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(target.toFile()).setMustExist(true).build();
        Git git = Git.wrap(repo)) {
      FetchCommand f = git.fetch().setRemote(url)
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
          .setRemoveDeletedRefs(true).setTagOpt(TagOpt.FETCH_TAGS);
      configure(f).call();
    } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
      throw gitFailure("fetch", url, e);
    }
  }

  private void clone(String url, Path tmp) throws CairnException {
    CloneCommand c = Git.cloneRepository().setURI(url).setDirectory(tmp.toFile()).setBare(true)
        .setCloneAllBranches(true).setTagOption(TagOpt.FETCH_TAGS);
    try (Git g = configure(c).call()) {
      // the bare clone maps refs/heads/* onto itself and points HEAD at the remote's default branch
    } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
      throw gitFailure("clone", url, e);
    }
  }

  private <C extends TransportCommand<C, ?>> C configure(C c) {
    c.setCredentialsProvider(access.credentials()).setTimeout(TIMEOUT_S);
    if (access.transport() != null) {
      c.setTransportConfigCallback(access.transport());
    }
    return c;
  }

  /** One line for a Git failure: what, where, why, and what to do about credentials. */
  static CairnException gitFailure(String what, String url, Exception e) {
    StringBuilder why = new StringBuilder();
    for (Throwable t = e; t != null && why.length() < 400; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank() && why.indexOf(m) < 0) {
        why.append(why.length() == 0 ? "" : ": ").append(m.strip());
      }
    }
    String text = Redact.url(why.toString().replace(url, Redact.url(url))).replace('\n', ' ');
    String prefix = Redact.url(url) + ": ";
    while (text.startsWith(prefix)) {
      text = text.substring(prefix.length()); // JGit names the URL the message already names
    }
    String hint = "";
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
        || lower.contains("401")) {
      hint = "; for HTTPS set " + GitAccess.TOKEN_VAR + " or configure a git credential helper, for SSH add your key"
          + " to ~/.ssh";
    } else if (e instanceof InvalidRemoteException) {
      hint = "; check the URL";
    }
    return CairnException.failed("Cannot " + what + " " + Redact.url(url) + ": " + text + hint, e);
  }

  private void deleteStaleClones(String url) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, key(url) + ".tmp-*")) {
      for (Path p : ds) {
        FileUtils.delete(p.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
      }
    }
  }

  private static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      if (!Files.isDirectory(target)) {
        throw e;
      }
    }
  }
}
