package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import dev.cairn.registry.Materialized;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.GitIgnores;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import dev.cairn.progress.ProgressMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where an import or a get puts its data: DVC's {@code resolve_output} (the source's name, inside
 * {@code -o} when that is a directory), the checks before anything is written, and the writing.
 */
final class ImportTargets {
  private ImportTargets() {}

  /** The last name of a path or URL ({@code data/raw/} → {@code raw}), or "" for a root. */
  static String baseName(String path) {
    String p = path;
    int q = p.indexOf('?');
    if (p.contains("://") && q >= 0) {
      p = p.substring(0, q);
    }
    p = p.replace('\\', '/');
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.contains("://") && p.indexOf('/', p.indexOf("://") + 3) < 0) {
      return ""; // a bucket or host alone
    }
    String name = p.substring(p.lastIndexOf('/') + 1);
    return name.equals(".") || name.equals("..") ? "" : name;
  }

  /**
   * Refuses a URL with a password in it: the {@code .dvc} file would record it as given, and it is
   * committed. {@code howInstead} names where the credentials go.
   */
  static void refusePassword(String url, String howInstead) throws CairnException {
    int q = url.indexOf('?');
    String noQuery = q < 0 ? url : url.substring(0, q);
    if (!dev.cairn.storage.Redact.url(noQuery).equals(noQuery)) {
      throw CairnException.invalidInput("The URL " + dev.cairn.storage.Redact.url(url)
          + " has a password in it, which the .dvc file would record: remove it from the URL and " + howInstead);
    }
  }

  /**
   * The output path: {@code out} (or {@code base}/name when null); inside {@code out} when it is an
   * existing directory.
   *
   * @throws CairnException INVALID_INPUT when no name can be derived
   */
  static Path resolve(Path base, Path out, String source) throws CairnException {
    String name = baseName(source);
    if (out == null || Files.isDirectory(out)) {
      if (name.isEmpty()) {
        throw CairnException.invalidInput("Cannot name the output for '" + source + "'; give one with -o <path>");
      }
      return (out == null ? base : out).resolve(name).toAbsolutePath().normalize();
    }
    return out.toAbsolutePath().normalize();
  }

  /** Checks an output of an import in {@code repo}: inside, not internal, parent present, not there unless forced. */
  static void checkInRepo(Repo repo, Path target, boolean force) throws CairnException, IOException {
    Path root = repo.root();
    if (!target.startsWith(root) || target.equals(root)) {
      throw CairnException.invalidInput("Cannot import to '" + target + "': it is outside the repository " + root);
    }
    String rel = repo.relativize(target);
    if (target.startsWith(repo.dvcDir()) || target.startsWith(root.resolve(".git"))) {
      throw CairnException.invalidInput("Cannot import to '" + rel + "': paths inside .dvc/ or .git/ are internal");
    }
    String name = target.getFileName().toString();
    if (name.endsWith(DvcFile.SUFFIX) || name.equals("dvc.yaml") || name.equals("dvc.lock")) {
      throw CairnException.invalidInput("Cannot import to '" + rel + "': it is a DVC file name");
    }
    for (Path q = target.getParent(); q != null && !q.equals(root); q = q.getParent()) {
      if (Files.isSymbolicLink(q)) {
        throw CairnException.invalidInput("Cannot import to '" + rel + "': it is inside the symlinked directory '"
            + repo.relativize(q) + "'");
      }
    }
    checkFree(target, rel, force);
    Path dvcFile = dvcFileOf(target);
    if (Files.exists(dvcFile, LinkOption.NOFOLLOW_LINKS) && !force) {
      throw CairnException.invalidInput("'" + repo.relativize(dvcFile) + "' already exists; use -f (--force) to"
          + " overwrite it");
    }
    for (Tracked t : new TrackedCollector(root, new DvcIgnore(root)).outputs()) {
      if (t.file().equals(dvcFile)) {
        continue;
      }
      if (target.startsWith(t.path()) || t.path().startsWith(target)) {
        throw CairnException.invalidInput("Cannot import to '" + rel + "': it overlaps output '"
            + repo.relativize(t.path()) + "' of " + t.owner() + "; choose another path with -o");
      }
    }
    String tracked = GitIgnores.trackedByGit(root, rel);
    if (tracked != null) {
      throw CairnException.invalidInput("Cannot import to '" + rel + "': '" + tracked + "' is tracked by Git;"
          + " choose another path with -o");
    }
  }

  /** Checks that {@code target} can be written: its directory exists, and it does not unless forced. */
  static void checkFree(Path target, String shown, boolean force) throws CairnException {
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw CairnException.invalidInput("Cannot write '" + shown + "': directory '" + parent + "' does not exist;"
          + " create it first");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
      throw CairnException.invalidInput("'" + shown + "' already exists; use -f (--force) to overwrite it");
    }
  }

  /** The {@code .dvc} file of an output: {@code <name>.dvc} beside it. */
  static Path dvcFileOf(Path target) {
    return target.resolveSibling(target.getFileName() + DvcFile.SUFFIX);
  }

  /**
   * Checks out {@code data} (all of whose objects are in the repository's cache) at {@code target}
   * as the output {@code entry} of {@code dvcFile} records it. Refuses, before writing, to discard
   * workspace content that is not in the cache unless {@code force}.
   */
  static Checkouter.Changes checkout(Repo repo, Path dvcFile, Map<String, Object> entry, Path target, boolean force,
      ProgressMonitor monitor) throws IOException {
    Tracked t = new Tracked(repo.relativize(dvcFile), dvcFile, DvcFile.create(dvcFile), entry, target);
    return new Checkouter(repo.root(), repo.odb(), repo.hasher(), repo.linkTypes(), force, false)
        .checkout(List.of(t), monitor);
  }

  /** Writes an import file's contents atomically and ignores its output in Git. */
  static void writeDvcFile(Repo repo, Path dvcFile, Map<String, Object> contents, Path target) throws IOException {
    DvcFile f = DvcFile.create(dvcFile);
    f.contents().putAll(contents);
    f.write();
    GitIgnores.forRepo(repo.root()).ignore(target);
  }

  /**
   * Places {@code data} (in {@code odb}, which belongs to this call only) at {@code target} outside
   * any repository: the file or the whole directory is built in a hidden temporary beside it and
   * renamed into place, so a failure leaves nothing there (an existing {@code target} is replaced
   * only when forced, and only at the end). Objects are moved out of {@code odb} when used once.
   */
  static void place(ObjectDb odb, Materialized data, Path target, boolean force) throws IOException {
    Path staging = target.resolveSibling(".cairn-" + UUID.randomUUID() + ".tmp");
    try {
      if (data.isDir()) {
        Manifest m = odb.readManifest(data.hash());
        Map<String, Integer> uses = new HashMap<>();
        for (Manifest.Entry e : m.entries()) {
          uses.merge(e.md5(), 1, Integer::sum);
        }
        Files.createDirectories(staging);
        String name = data.hash().isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
        for (Manifest.Entry e : m.entries()) {
          Path dest = staging.resolve(e.relpath()).normalize();
          if (!dest.startsWith(staging)) {
            throw new Checkouter.UnsafePathException("Refusing manifest entry '" + e.relpath() + "': it leaves the"
                + " directory");
          }
          Files.createDirectories(dest.getParent());
          boolean last = uses.merge(e.md5(), -1, Integer::sum) == 0;
          copyOut(odb.path(new HashInfo(name, e.md5())), dest, last, false);
        }
      } else {
        copyOut(odb.path(data.hash()), staging, true, data.isExec());
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        if (!force) {
          throw new Checkouter.ConflictException("'" + target + "' appeared while downloading; nothing was written");
        }
        deleteTree(target);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(staging);
      }
    }
  }

  private static void copyOut(Path object, Path dest, boolean move, boolean exec) throws IOException {
    if (move) {
      Files.move(object, dest, StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.copy(object, dest);
    }
    Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
  }

  /** Deletes a file or a directory tree (read-only files included). */
  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (var s = Files.list(p)) {
        for (Path c : (Iterable<Path>) s::iterator) {
          deleteTree(c);
        }
      }
    }
    Files.delete(p);
  }
}
