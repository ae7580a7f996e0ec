package dev.cairn.registry;

import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.storage.LocalStorage;
import dev.cairn.storage.Redact;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.transfer.ObjectTransfer;
import dev.cairn.transfer.TransferOptions;
import dev.cairn.transfer.TransferResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads source repositories for the registry commands: opens one at a revision ({@link #open}),
 * and brings the data at one of its paths into a cache ({@link #materialize}), from the source's
 * remote (or, for data the source imported itself, from its upstream, recursively), from its Git
 * objects, or both. Every object is hash-checked on its way in. Holds the repositories it opened:
 * close it. Not thread-safe; one per command.
 */
public final class Registry implements AutoCloseable {
  /** Chained imports followed at most this deep (a registry importing from a registry …). */
  static final int MAX_DEPTH = 8;
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/\\s]+@)?[^/:\\s]{2,}:(?!//).*");

  private final Map<String, String> env;
  private GitAccess access;
  private Path cloneCacheDir;
  private TransferOptions transfer = TransferOptions.defaults();
  private UnaryOperator<Storage> storageDecorator = UnaryOperator.identity();
  private ProgressMonitor monitor = NullProgressMonitor.INSTANCE;

  private CloneCache cache;
  private final Map<String, Repository> repos = new HashMap<>();
  private final Set<String> refreshed = new LinkedHashSet<>();
  private final Map<String, SourceRepo> sources = new HashMap<>();

  /** A registry reader for a process with environment {@code env} (credentials, cache locations). */
  public Registry(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.access = GitAccess.fromEnvironment(env);
  }

  /** How Git authenticates and which SSH keys it uses. */
  public Registry setGitAccess(GitAccess a) {
    this.access = Objects.requireNonNull(a);
    return this;
  }

  /** Where clones are kept; default {@link CloneCache#defaultDir}. */
  public Registry setCloneCache(Path dir) {
    this.cloneCacheDir = dir;
    return this;
  }

  /** Parallel requests and retries for downloads from remotes. */
  public Registry setTransferOptions(TransferOptions t) {
    this.transfer = Objects.requireNonNull(t);
    return this;
  }

  /** Wraps every remote storage opened (fault injection in tests). */
  public Registry setStorageDecorator(UnaryOperator<Storage> d) {
    this.storageDecorator = Objects.requireNonNull(d);
    return this;
  }

  /** Where progress goes. */
  public Registry setProgressMonitor(ProgressMonitor m) {
    this.monitor = Objects.requireNonNull(m);
    return this;
  }

  private CloneCache cache() {
    if (cache == null) {
      cache = new CloneCache(cloneCacheDir != null ? cloneCacheDir : CloneCache.defaultDir(env), access);
    }
    return cache;
  }

  /** The clone cache directory in use. */
  public Path cloneCacheDir() {
    return cache().dir();
  }

  /**
   * Where {@code url} is: an existing local directory (or {@code file://} URL) resolved against
   * {@code base}, else a URL Git reaches over the network ({@code https://}, {@code ssh://}, {@code
   * git@host:path}). Null for a local path that does not exist.
   */
  static Path localPath(String url, Path base) {
    if (url.startsWith("file://")) {
      try {
        return Path.of(URI.create(url));
      } catch (IllegalArgumentException e) {
        return Path.of(url.substring("file://".length()));
      }
    }
    if (url.contains("://")) {
      return null;
    }
    Path p = base.resolve(url).toAbsolutePath().normalize();
    if (Files.isDirectory(p) || !SCP_LIKE.matcher(url).matches()) {
      return p;
    }
    return null;
  }

  /**
   * Opens the source {@code url} at {@code rev}.
   *
   * @param base the directory a relative local path is resolved against
   * @param rev a branch, tag, commit or any Git revision expression; null for the default branch
   *     (the HEAD of a local repository)
   * @param refresh whether to fetch a cached clone first (a full commit SHA already in the clone is
   *     never fetched for)
   * @throws CairnException INVALID_INPUT for a path that is no Git repository or an unknown
   *     revision; FAILED when Git cannot reach the repository
   */
  public SourceRepo open(String url, Path base, String rev, boolean refresh) throws CairnException {
    Path local = localPath(url, base);
    String location = local != null ? local.toString() : url;
    Repository git = repos.get(location);
    boolean fresh = refreshed.contains(location);
    if (git == null) {
      if (local != null) {
        git = openLocal(url, local);
        fresh = true;
      } else {
        CloneCache.Opened o = cache().open(url, refresh && !isFullSha(rev));
        git = o.repo();
        fresh = o.fresh();
      }
      repos.put(location, git);
      if (fresh) {
        refreshed.add(location);
      }
    } else if (refresh && !fresh && local == null && !isFullSha(rev)) {
      cache().refresh(url);
      refreshed.add(location);
      fresh = true;
    }
    ObjectId commit = resolve(git, rev);
    if (commit == null && local == null && !fresh) {
      cache().refresh(url); // a commit the clone has not seen yet
      refreshed.add(location);
      commit = resolve(git, rev);
    }
    if (commit == null) {
      if (rev == null) {
        throw CairnException.invalidInput("Repository " + Redact.url(url) + " has no commits to read");
      }
      throw CairnException.invalidInput("Unknown revision '" + rev + "' in " + Redact.url(url)
          + ": no branch, tag or commit of that name; list them with 'git ls-remote " + Redact.url(url) + "'");
    }
    String key = location + "@" + commit.name();
    SourceRepo s = sources.get(key);
    if (s == null) {
      try {
        s = new SourceRepo(url, location, local, git, commit);
      } catch (IOException e) {
        throw CairnException.failed("Cannot read commit " + commit.name() + " of " + Redact.url(url) + ": "
            + e.getMessage(), e);
      }
      sources.put(key, s);
    }
    return s;
  }

  static boolean isFullSha(String rev) {
    return rev != null && FULL_SHA.matcher(rev).matches();
  }

  private static Repository openLocal(String url, Path dir) throws CairnException {
    if (!Files.isDirectory(dir)) {
      throw CairnException.invalidInput("Repository '" + url + "' does not exist (no directory " + dir + ")");
    }
    FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
    if (Files.exists(dir.resolve(".git"))) {
      b.setWorkTree(dir.toFile());
    } else if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
      b.setGitDir(dir.toFile()); // a bare repository
    } else {
      throw CairnException.invalidInput("'" + url + "' is not a Git repository (" + dir + " has no .git); a data"
          + " registry is read from Git");
    }
    try {
      return b.build();
    } catch (IOException e) {
      throw CairnException.invalidInput("Cannot open the Git repository " + dir + ": " + e.getMessage());
    }
  }

  private static ObjectId resolve(Repository git, String rev) throws CairnException {
    try {
      return git.resolve((rev == null ? Constants.HEAD : rev) + "^{commit}");
    } catch (RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
      return null;
    } catch (IOException e) {
      throw CairnException.failed("Cannot read revision '" + rev + "': " + e.getMessage(), e);
    }
  }

  // ---- bringing data into a cache ----

  /**
   * Brings the data of {@code target} (of {@code src}) into {@code into}: every object of it,
   * hash-checked, and for a file or directory made of several sources (part of an output, Git
   * files, a mix) a {@code .dir} written for it.
   *
   * @param remote the source remote to read outputs from when they name none ({@code --remote}), or
   *     null for the source's {@code core.remote}
   * @param configFile a config file merged over the source's ({@code --config}), or null
   * @throws CairnException FAILED when an object cannot be had (missing, corrupt, unreachable
   *     remote), naming the path and the remote
   */
  public Materialized materialize(SourceRepo src, SourceTree.Target target, ObjectDb into, String remote,
      Path configFile) throws CairnException {
    return materialize(src, target, into, remote, configFile, 0);
  }

  /**
   * The {@code .dir} manifest of directory output {@code o}, brought into {@code into} (its files
   * are not downloaded).
   */
  public Manifest manifest(SourceRepo src, SourceTree.SourceOutput o, ObjectDb into, String remote, Path configFile)
      throws CairnException {
    try {
      fetch(src, o, List.of(o.hash()), into, true, remote, configFile, 0);
      return into.readManifest(o.hash());
    } catch (IOException e) {
      throw CairnException.failed("Cannot read directory '" + o.path() + "' of " + src.describe() + ": "
          + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }
  }

  private Materialized materialize(SourceRepo src, SourceTree.Target target, ObjectDb into, String remote,
      Path configFile, int depth) throws CairnException {
    try {
      if (target instanceof SourceTree.WholeOutput w) {
        return whole(src, w.out(), into, remote, configFile, depth);
      }
      if (target instanceof SourceTree.InOutput in) {
        return inOutput(src, in, into, remote, configFile, depth);
      }
      if (target instanceof SourceTree.GitFile f) {
        Blob b = insertBlob(src.git(), f.blob(), into);
        return new Materialized(b.hash, b.size, -1, f.exec(), TransferResult.empty());
      }
      return directory(src, (SourceTree.Directory) target, into, remote, configFile, depth);
    } catch (IOException e) {
      throw CairnException.failed("Cannot get '" + target.path() + "' from " + src.describe() + ": "
          + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }
  }

  private Materialized whole(SourceRepo src, SourceTree.SourceOutput o, ObjectDb into, String remote, Path configFile,
      int depth) throws CairnException, IOException {
    TransferResult r = fetch(src, o, List.of(o.hash()), into, false, remote, configFile, depth);
    long size = o.size();
    int nfiles = o.nfiles();
    if (o.isDir()) {
      Manifest m = into.readManifest(o.hash());
      if (size < 0) {
        size = sizeOf(m, o.hash(), into);
      }
      if (nfiles < 0) {
        nfiles = m.nfiles();
      }
    } else if (size < 0) {
      size = Files.size(into.path(o.hash()));
    }
    return new Materialized(o.hash(), size, o.isDir() ? nfiles : -1, o.isExec(), r);
  }

  private Materialized inOutput(SourceRepo src, SourceTree.InOutput in, ObjectDb into, String remote,
      Path configFile, int depth) throws CairnException, IOException {
    SourceTree.SourceOutput o = in.out();
    TransferResult r = fetch(src, o, List.of(o.hash()), into, true, remote, configFile, depth);
    Manifest m = into.readManifest(o.hash());
    String name = o.hash().isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
    String prefix = in.rel() + "/";
    List<Manifest.Entry> sub = new ArrayList<>();
    for (Manifest.Entry e : m.entries()) {
      if (e.relpath().equals(in.rel())) {
        HashInfo h = new HashInfo(name, e.md5());
        r = r.plus(fetch(src, o, List.of(h), into, true, remote, configFile, depth));
        return new Materialized(h, Files.size(into.path(h)), -1, false, r);
      }
      if (e.relpath().startsWith(prefix)) {
        sub.add(new Manifest.Entry(e.relpath().substring(prefix.length()), e.md5()));
      }
    }
    if (sub.isEmpty()) {
      throw CairnException.invalidInput("Path '" + in.path() + "' does not exist in " + src.describe()
          + " (output '" + o.path() + "' has no such file or directory)");
    }
    List<HashInfo> files = new ArrayList<>();
    for (Manifest.Entry e : sub) {
      files.add(new HashInfo(name, e.md5()));
    }
    r = r.plus(fetch(src, o, files, into, true, remote, configFile, depth));
    return writeDir(new Manifest(sub), name, into, r);
  }

  private Materialized directory(SourceRepo src, SourceTree.Directory d, ObjectDb into, String remote, Path configFile,
      int depth) throws CairnException, IOException {
    String prefix = d.path().isEmpty() ? "" : d.path() + "/";
    List<Manifest.Entry> entries = new ArrayList<>();
    for (SourceTree.GitFile f : d.files()) {
      Blob b = insertBlob(src.git(), f.blob(), into);
      entries.add(new Manifest.Entry(f.path().substring(prefix.length()), b.hash.value()));
    }
    TransferResult r = TransferResult.empty();
    for (SourceTree.SourceOutput o : d.outputs()) {
      r = r.plus(fetch(src, o, List.of(o.hash()), into, false, remote, configFile, depth));
      String rel = o.path().substring(prefix.length());
      if (o.isDir()) {
        for (Manifest.Entry e : into.readManifest(o.hash()).entries()) {
          entries.add(new Manifest.Entry(rel + "/" + e.relpath(), e.md5()));
        }
      } else {
        entries.add(new Manifest.Entry(rel, o.hash().value()));
      }
    }
    return writeDir(new Manifest(entries), HashInfo.MD5, into, r);
  }

  /** Writes {@code m} as a {@code .dir} object (its files are in {@code into} already). */
  private static Materialized writeDir(Manifest m, String hashName, ObjectDb into, TransferResult r) throws IOException {
    HashInfo dir = new HashInfo(hashName, m.oid());
    if (!into.check(dir)) {
      into.insertBytes(dir, m.toBytes());
    }
    return new Materialized(dir, sizeOf(m, dir, into), m.nfiles(), false, r);
  }

  private static long sizeOf(Manifest m, HashInfo dir, ObjectDb into) throws IOException {
    String name = dir.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
    long size = 0;
    for (Manifest.Entry e : m.entries()) {
      size += Files.size(into.path(new HashInfo(name, e.md5())));
    }
    return size;
  }

  record Blob(HashInfo hash, long size) {}

  /** Copies a Git blob into {@code into} under its md5 (hashed first, verified while written). */
  static Blob insertBlob(Repository git, ObjectId blob, ObjectDb into) throws IOException {
    ObjectLoader l = git.open(blob, Constants.OBJ_BLOB);
    MessageDigest md = Hashing.md5(l.getSize());
    byte[] buf = new byte[1 << 16];
    try (InputStream in = l.openStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    HashInfo h = HashInfo.md5(Hashing.hex(md.digest()));
    if (!into.check(h)) {
      try (InputStream in = l.openStream()) {
        into.insertStream(h, in);
      }
    }
    return new Blob(h, l.getSize());
  }

  /**
   * Brings {@code objects} of output {@code o} into {@code into}: from its upstream repository when
   * the source imported it, else from the source remote that holds it. With {@code exact}, a
   * {@code .dir} brings its manifest only.
   */
  TransferResult fetch(SourceRepo src, SourceTree.SourceOutput o, Collection<HashInfo> objects, ObjectDb into,
      boolean exact, String remote, Path configFile, int depth) throws CairnException, IOException {
    List<HashInfo> missing = new ArrayList<>();
    for (HashInfo h : objects) {
      if (!into.check(h) || (!exact && h.isDir() && !allFilesIn(h, into))) {
        missing.add(h);
      }
    }
    if (missing.isEmpty()) {
      return new TransferResult(0, objects.size(), 0, List.of());
    }
    if (o.upstream() != null) {
      return fetchUpstream(src, o, missing, into, exact, depth);
    }
    DvcConfig cfg = src.config(configFile, env);
    String name = o.remote() != null ? o.remote() : remote != null ? remote : cfg.get("core", "remote");
    Storage storage;
    String label;
    if (name == null || name.isBlank()) {
      Path cacheDir = sourceCache(src, cfg);
      if (cacheDir == null) {
        throw CairnException.failed("Cannot get '" + o.path() + "' from " + src.describe() + ": its .dvc/config"
            + " names no default remote (core.remote) for its data; give one with --remote <name>");
      }
      storage = storageDecorator.apply(new LocalStorage(cacheDir));
      label = "cache of " + src.location();
    } else {
      storage = openRemote(src, cfg, name);
      label = name;
    }
    try (Storage s = storage) {
      ObjectTransfer t = new ObjectTransfer(into, s, label, transfer);
      TransferResult r = exact ? t.fetchExact(missing, monitor) : t.fetch(missing, monitor);
      if (!r.isOk()) {
        TransferResult.Failure f = r.failures().get(0);
        int more = r.failures().size() - 1;
        throw CairnException.failed("Cannot get '" + o.path() + "' from " + src.describe() + ": "
            + (f.object() == null ? "" : "object " + f.object().value() + ": ") + f.reason()
            + (more > 0 ? " (and " + more + " more)" : "")
            + (label.startsWith("cache of ") ? "" : "; check remote '" + name + "' of that repository and retry"),
            new IOException(f.reason()));
      }
      return r;
    }
  }

  private static boolean allFilesIn(HashInfo dir, ObjectDb into) throws IOException {
    String name = dir.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
    Manifest m;
    try {
      m = into.readManifest(dir);
    } catch (IOException e) {
      return false;
    }
    for (Manifest.Entry e : m.entries()) {
      if (!into.check(new HashInfo(name, e.md5()))) {
        return false;
      }
    }
    return true;
  }

  private TransferResult fetchUpstream(SourceRepo src, SourceTree.SourceOutput o, List<HashInfo> objects,
      ObjectDb into, boolean exact, int depth) throws CairnException, IOException {
    RepoDep up = o.upstream();
    if (depth >= MAX_DEPTH) {
      throw CairnException.failed("Cannot get '" + o.path() + "' from " + src.describe() + ": it is imported through"
          + " more than " + MAX_DEPTH + " repositories (a cycle?)");
    }
    Path base = src.localDir() != null ? src.localDir() : Path.of("").toAbsolutePath();
    SourceRepo upstream = open(up.url(), base, up.effectiveRev(), up.revLock() == null);
    SourceTree.Target t;
    try {
      t = upstream.tree().resolve(up.path());
    } catch (IOException e) {
      throw CairnException.failed("Cannot read " + upstream.describe() + ": " + e.getMessage(), e);
    }
    if (t == null) {
      throw CairnException.failed("Cannot get '" + o.path() + "' from " + src.describe() + ": it imports '"
          + up.path() + "' from " + upstream.describe() + ", which has no such path");
    }
    Path cfg = up.config() == null || src.localDir() == null ? null : src.localDir().resolve(up.config());
    Materialized m = materialize(upstream, t, into, up.remote(), cfg, depth + 1);
    for (HashInfo h : objects) {
      if (!into.check(h) || (!exact && h.isDir() && !allFilesIn(h, into))) {
        throw CairnException.failed("Cannot get '" + o.path() + "' from " + src.describe() + ": its import of '"
            + up.path() + "' from " + upstream.describe() + " gives " + m.hash().value() + ", not the recorded "
            + o.hash().value() + "; the source's import is out of date ('update' it there)");
      }
    }
    return m.transfer();
  }

  /** The cache of a local source without a default remote (DVC reads it as its upstream), or null. */
  private static Path sourceCache(SourceRepo src, DvcConfig cfg) {
    if (src.localDir() == null) {
      return null;
    }
    DvcConfig.Value v = cfg.resolved("cache", "dir");
    Path dir = v.value() == null ? src.localDir().resolve(".dvc").resolve("cache") : v.asPath();
    return Files.isDirectory(dir) ? dir : null;
  }

  private Storage openRemote(SourceRepo src, DvcConfig cfg, String name) throws CairnException {
    Map<String, String> props = cfg.remote(name);
    if (props == null || props.get("url") == null || props.get("url").isBlank()) {
      throw CairnException.failed("Remote '" + name + "' is not defined in the .dvc/config of " + src.describe()
          + "; name one of its remotes with --remote");
    }
    String url = props.get("url");
    try {
      return storageDecorator.apply(Storages.open(url, props));
    } catch (StorageException e) {
      throw CairnException.failed("Cannot use remote '" + name + "' of " + src.describe() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw CairnException.failed("Cannot open remote '" + name + "' (" + Redact.url(url) + ") of " + src.describe()
          + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CairnException.failed("Remote '" + name + "' of " + src.describe() + " has a malformed URL '"
          + Redact.url(url) + "'", e);
    }
  }

  @Override
  public void close() {
    for (Repository r : repos.values()) {
      r.close();
    }
    repos.clear();
    sources.clear();
  }
}
