package dev.cairn.api;

import dev.cairn.api.errors.TransferFailedException;
import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.registry.RepoDep;
import dev.cairn.repo.Repo;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.repro.Targets;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.revision.GitRevisions;
import dev.cairn.storage.Redact;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.transfer.ObjectTransfer;
import dev.cairn.transfer.RemoteLayout;
import dev.cairn.transfer.RunCacheTransfer;
import dev.cairn.transfer.TransferOptions;
import dev.cairn.transfer.TransferResult;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.OutputEntry;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Base of the commands that reach a remote (push, fetch, pull, status -c): which outputs (targets,
 * the workspace and optionally Git revisions), which remote, how many parallel requests, how to
 * retry. After JGit's {@code TransportCommand}.
 *
 * <p>Remote choice per output, as DVC: an output's own {@code remote:} field wins; {@code
 * setRemote(x)} selects only outputs with no {@code remote:} or with {@code remote: x}; otherwise
 * {@code core.remote} applies. An unknown remote name, a missing default, or a URL that cannot be
 * opened fails with {@link CairnException.Kind#INVALID_INPUT}.
 *
 * @param <C> the concrete command (for fluent setters)
 * @param <T> the result type
 */
public abstract class RemoteCommand<C extends RemoteCommand<C, T>, T> extends RepoCommand<T> {
  private final List<Path> targets = new ArrayList<>();
  private String remote;
  private int jobs;
  private boolean allBranches;
  private boolean allTags;
  private boolean allCommits;
  private boolean runCache;
  private RetryPolicy retryPolicy = RetryPolicy.transfers();
  private UnaryOperator<Storage> storageDecorator = UnaryOperator.identity();
  /** Storages being opened ahead of use, by remote name (see {@link #beforeRun}). */
  private final Map<String, CompletableFuture<Storage>> early = new ConcurrentHashMap<>();
  private final List<org.eclipse.jgit.lib.ObjectId> commits = new ArrayList<>();
  private boolean workspace = true;
  /** The outputs imported from other repositories that {@link #select} found (not pushed, fetched from their source). */
  private final List<Imported> imports = new ArrayList<>();
  private final RegistrySettings registrySettings = new RegistrySettings();

  RemoteCommand(Repo repo) {
    super(repo);
  }

  @SuppressWarnings("unchecked")
  private C self() {
    return (C) this;
  }

  /** Limits the command to these outputs or {@code .dvc} files (absolute or root-relative). */
  public C addTarget(Path target) {
    targets.add(Objects.requireNonNull(target));
    return self();
  }

  /** The remote to use ({@code -r}); null for each output's own or the default remote. */
  public C setRemote(String name) {
    this.remote = name == null ? null : name.toLowerCase(Locale.ROOT);
    return self();
  }

  /** Parallel requests ({@code -j}); 0 for the remote's {@code jobs} key or 4 × CPUs. */
  public C setJobs(int jobs) {
    if (jobs < 0) {
      throw new IllegalArgumentException("jobs must not be negative");
    }
    this.jobs = jobs;
    registrySettings.jobs(jobs);
    return self();
  }

  /** Also the outputs recorded at the tip of every branch ({@code -a}). */
  public C setAllBranches(boolean b) {
    this.allBranches = b;
    return self();
  }

  /** Also the outputs recorded in every tag ({@code -T}). */
  public C setAllTags(boolean b) {
    this.allTags = b;
    return self();
  }

  /** Also the outputs recorded in every commit ({@code -A}). */
  public C setAllCommits(boolean b) {
    this.allCommits = b;
    return self();
  }

  boolean allBranches() {
    return allBranches;
  }

  boolean allTags() {
    return allTags;
  }

  boolean allCommits() {
    return allCommits;
  }

  /** The remote given with {@link #setRemote}, or null. */
  String remote() {
    return remote;
  }

  /** Also copy the run-cache ({@code <cache>/runs/} ↔ {@code <remote>/runs/}). */
  public C setRunCache(boolean b) {
    this.runCache = b;
    return self();
  }

  /** How failed requests are retried; {@link RetryPolicy#transfers()} unless set. */
  public C setRetryPolicy(RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy);
    registrySettings.retry(policy);
    return self();
  }

  /**
   * Wraps every remote storage this command opens (instrumentation, fault injection in tests). The
   * wrapper must keep the {@link Storage} contract.
   */
  public C setStorageDecorator(UnaryOperator<Storage> decorator) {
    this.storageDecorator = Objects.requireNonNull(decorator);
    registrySettings.decorator(decorator);
    return self();
  }

  /** How Git reaches the sources of imported outputs (token, credential helper, SSH keys). */
  public C setGitAccess(dev.cairn.registry.GitAccess access) {
    registrySettings.access = access;
    return self();
  }

  /** Where the sources of imported outputs are cloned (default {@code CAIRN_REPO_CACHE}, else the user's cache). */
  public C setCloneCache(Path dir) {
    registrySettings.cloneCache = dir;
    return self();
  }

  /** Also the outputs recorded in these Git commits (the experiment commits of {@code exp push/pull}). */
  void addCommits(List<org.eclipse.jgit.lib.ObjectId> ids) {
    commits.addAll(ids);
  }

  /** Whether the workspace's outputs are selected (true unless an {@code exp} command says otherwise). */
  void setIncludeWorkspace(boolean b) {
    this.workspace = b;
  }

  boolean runCache() {
    return runCache;
  }

  /**
   * One output to transfer.
   *
   * @param name its repo-relative path
   * @param hash its recorded hash
   * @param remote the remote it goes to
   * @param tracked the workspace record, or null for an output found only in a Git revision
   */
  record Selected(String name, HashInfo hash, String remote, Tracked tracked) {}

  /**
   * An output imported from another repository ({@code dvc import}): its objects come from that
   * repository at {@code rev_lock}, never from this one's remotes (DVC's behaviour).
   *
   * @param name its repo-relative path
   * @param dep the import's dep
   * @param hash the recorded hash, or null for an import made with {@code --no-download}
   * @param tracked the workspace record, or null for an output found only in a Git revision
   */
  record Imported(String name, RepoDep dep, HashInfo hash, Tracked tracked) {
    /** An {@code import-url} made with {@code --no-download}: its data comes from the URL its dep names. */
    boolean fromUrl() {
      return dep == null;
    }
  }

  /** The imported outputs the last {@link #select} found (push skips them; status -c ignores them, as DVC). */
  List<Imported> imports() {
    return imports;
  }

  /**
   * The outputs this command works on, each with its remote: workspace {@code .dvc} and {@code
   * dvc.lock} outputs (limited by the targets), plus those of the chosen Git revisions. Outputs
   * without a hash or with {@code cache: false} are skipped, and with {@code forPush} those with
   * {@code push: false}.
   */
  List<Selected> select(boolean forPush) throws IOException, CairnException {
    if (remote != null) {
      remoteConfig(remote);
    }
    imports.clear();
    List<Selected> out = new ArrayList<>();
    if (workspace) {
      List<Tracked> all = new ArrayList<>(new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs());
      all.addAll(LockedOutputs.tracked(repo, PipelineIndex.load(repo), List.of()));
      for (Tracked t : Targets.select(repo, all, targets)) {
        if (t.dvcFile() != null && t.dvcFile().isRepoImport()) {
          addImport(repo.relativize(t.path()), t.dvcFile().importDep(), t.output(), t);
          continue;
        }
        if (t.dvcFile() != null && t.dvcFile().importDep() != null && t.output().hash() == null && !forPush) {
          imports.add(new Imported(repo.relativize(t.path()), null, null, t));
          continue;
        }
        add(t.output(), repo.relativize(t.path()), t, forPush, out);
      }
    }
    List<String> targetPaths = new ArrayList<>();
    for (Path t : targets) {
      targetPaths.add(repo.relativize(repo.root().resolve(t)));
    }
    for (GitRevisions.RevOutput o : GitRevisions.outputs(repo.root(), allBranches, allTags, allCommits, commits)) {
      String path = o.outputPath();
      if (!targetPaths.isEmpty() && targetPaths.stream().noneMatch(tp -> tp.equals(path) || tp.equals(o.file())
          || path.startsWith(tp + "/") || tp.startsWith(path + "/"))) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = (Map<String, Object>) o.entry();
      if (o.isRepoImport()) {
        addImport(path, o.importDep(), DvcFile.entry(entry), null);
        continue;
      }
      add(DvcFile.entry(entry), path, null, forPush, out);
    }
    return out;
  }

  private void addImport(String name, Map<?, ?> depMap, OutputEntry e, Tracked t) throws CairnException {
    RepoDep dep;
    try {
      dep = RepoDep.of(depMap);
    } catch (IllegalArgumentException ex) {
      throw CairnException.invalidInput("Import '" + name + "': " + ex.getMessage());
    }
    Imported i = new Imported(name, dep, e.object(), t);
    for (Imported seen : imports) {
      if (seen.dep().equals(dep) && java.util.Objects.equals(seen.hash(), e.object())
          && java.util.Objects.equals(seen.tracked(), t)) {
        return;
      }
    }
    imports.add(i);
  }

  /**
   * Brings the objects of the imported outputs into the cache from their source repositories, at
   * their {@code rev_lock} (outputs whose objects are all in the cache already are not looked up at
   * all). Failures are collected, one line each, and the others go on.
   *
   * @param data receives, by import, what its source gave (the hash to check out; for an import made
   *     with {@code --no-download}, the only record of it)
   * @return what was downloaded, with one failure per import that could not be had
   */
  TransferResult fetchImports(Map<Imported, dev.cairn.registry.Materialized> data) throws IOException, CairnException {
    TransferResult total = TransferResult.empty();
    if (imports.isEmpty()) {
      return total;
    }
    try (dev.cairn.registry.Registry registry = registrySettings.registry(repo.env(), monitor)) {
      for (Imported i : imports) {
        if (i.hash() != null && dev.cairn.workspace.OutputStatus.inCache(i.hash(), repo.odb())) {
          total = total.plus(new TransferResult(0, 1, 0, List.of()));
          continue;
        }
        try {
          if (i.fromUrl()) {
            dev.cairn.registry.Materialized m = fetchFromUrl(i);
            data.put(i, m);
            total = total.plus(m.transfer());
            continue;
          }
          RepoDep dep = i.dep();
          dev.cairn.registry.SourceRepo src = registry.open(dep.url(), repo.root(), dep.effectiveRev(),
              dep.revLock() == null);
          dev.cairn.registry.SourceTree.Target t = src.tree().resolve(dep.path());
          if (t == null) {
            throw CairnException.failed("'" + dep.path() + "' does not exist in " + src.describe());
          }
          Path config = dep.config() == null ? null : repo.root().resolve(dep.config());
          dev.cairn.registry.Materialized m = registry.materialize(src, t, repo.odb(), dep.remote(), config);
          if (i.hash() != null && !i.hash().value().equals(m.hash().value())) {
            throw CairnException.failed(src.describe() + " gives " + m.hash().value() + " for '" + dep.path()
                + "', not the recorded " + i.hash().value());
          }
          data.put(i, m);
          total = total.plus(m.transfer());
        } catch (CairnException e) {
          total = total.plus(new TransferResult(0, 0, 0, List.of(new TransferResult.Failure(i.hash(),
              e.getMessage()))));
        }
      }
    }
    return total;
  }

  /** Downloads an {@code import-url} made with {@code --no-download} from its URL, checked against a recorded MD5. */
  private dev.cairn.registry.Materialized fetchFromUrl(Imported i) throws IOException, CairnException {
    Map<String, Object> dep = i.tracked().dvcFile().importDep();
    if (!(dep.get("path") instanceof String url)) {
      throw CairnException.invalidInput(i.tracked().owner() + ": the import's dep has no 'path'");
    }
    try (dev.cairn.registry.UrlSource src = dev.cairn.registry.UrlSource.open(url, i.tracked().dvcFile().baseDir(),
        repo.config(), registrySettings.decorator)) {
      dev.cairn.registry.Materialized m = src.fetch(repo.odb(), retryPolicy);
      Object md5 = dep.get("md5");
      if (md5 != null && !String.valueOf(md5).equals(m.hash().value())) {
        throw CairnException.failed("'" + dev.cairn.storage.Redact.url(url) + "' changed since it was imported (its"
            + " MD5 is " + m.hash().value() + ", " + i.tracked().owner() + " records " + md5 + "); 'cairn update' it");
      }
      return m;
    }
  }

  private void add(OutputEntry e, String name, Tracked t, boolean forPush, List<Selected> out) throws CairnException {
    HashInfo h = e.object();
    if (h == null || !e.cache() || (forPush && !e.push())) {
      return;
    }
    String r = chooseRemote(e.remote());
    if (r != null) {
      out.add(new Selected(name, h, r, t));
    }
  }

  /** The remote for an output with {@code remote:} field {@code own} (may be null); null to skip it. */
  String chooseRemote(String own) throws CairnException {
    String o = own == null ? null : own.toLowerCase(Locale.ROOT);
    if (remote != null) {
      return o == null || o.equals(remote) ? remote : null;
    }
    if (o != null) {
      return o;
    }
    String def = repo.config().get("core", "remote");
    if (def == null || def.isBlank()) {
      throw CairnException.invalidInput("No remote given and no default remote set; use -r <name> or set one with"
          + " 'cairn remote default <name>'");
    }
    return def.toLowerCase(Locale.ROOT);
  }

  /** The remote's merged config keys. */
  Map<String, String> remoteConfig(String name) throws CairnException {
    Map<String, String> props = repo.config().remote(name);
    if (props == null) {
      throw CairnException.invalidInput("Remote '" + name + "' does not exist; see 'cairn remote list'");
    }
    String url = props.get("url");
    if (url == null || url.isBlank()) {
      throw CairnException.invalidInput("Remote '" + name + "' has no url; set it with 'cairn remote modify " + name
          + " url <url>'");
    }
    return props;
  }

  /**
   * Starts opening the remote this command will most likely use ({@code -r} or the default) on a
   * background thread: building a client (an SDK's classes, TLS set-up, a connection) takes a few
   * hundred milliseconds, which then overlap reading the {@code .dvc} files and the cache. {@link
   * #openRemote} takes it over; one left unused is closed when the command ends. A remote that
   * cannot be chosen or opened fails later, where it is used, as it would have.
   */
  @Override
  void beforeRun() {
    Map<String, String> props;
    String name;
    try {
      name = chooseRemote(null);
      props = remoteConfig(name);
    } catch (CairnException e) {
      return;
    }
    String url = props.get("url");
    early.put(name, CompletableFuture.supplyAsync(() -> {
      try {
        return Storages.open(url, props);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, task -> {
      Thread t = new Thread(task, "cairn-remote-open");
      t.setDaemon(true);
      t.start();
    }));
  }

  @Override
  void afterRun() {
    for (CompletableFuture<Storage> f : early.values()) {
      f.thenAccept(RemoteCommand::closeQuietly);
    }
    early.clear();
  }

  private static void closeQuietly(Storage s) {
    try {
      s.close();
    } catch (IOException | RuntimeException e) {
      // never used: nothing to report
    }
  }

  /** Opens a remote's storage (wrapped by the decorator), taking over one {@link #beforeRun} opened. */
  Storage openRemote(String name) throws CairnException, IOException {
    Map<String, String> props = remoteConfig(name);
    String url = props.get("url");
    CompletableFuture<Storage> opening = early.remove(name);
    Storage s;
    try {
      s = opening == null ? Storages.open(url, props) : join(opening);
    } catch (StorageException e) {
      throw CairnException.invalidInput("Cannot use remote '" + name + "': " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput("Cannot use remote '" + name + "': malformed URL '" + Redact.url(url) + "'");
    }
    return storageDecorator.apply(s);
  }

  /** The storage {@code f} opened, or what opening it threw. */
  private static Storage join(CompletableFuture<Storage> f) throws IOException {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw dev.cairn.internal.Causes.asIOException(e.getCause());
    }
  }

  TransferOptions options(String name) throws CairnException {
    int j = jobs;
    if (j == 0) {
      String v = remoteConfig(name).get("jobs");
      try {
        j = v == null ? TransferOptions.defaultJobs() : Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw CairnException.invalidInput("Remote '" + name + "': jobs must be a number, got '" + v + "'");
      }
      if (j < 1) {
        throw CairnException.invalidInput("Remote '" + name + "': jobs must be at least 1, got " + j);
      }
    }
    return new TransferOptions(j, retryPolicy);
  }

  /** Groups the selected outputs' hashes by remote, keeping order. */
  static Map<String, List<HashInfo>> byRemote(List<Selected> selected) {
    Map<String, List<HashInfo>> m = new LinkedHashMap<>();
    for (Selected s : selected) {
      List<HashInfo> l = m.computeIfAbsent(s.remote(), k -> new ArrayList<>());
      if (!l.contains(s.hash())) {
        l.add(s.hash());
      }
    }
    return m;
  }

  /** Pushes or fetches the objects of {@code selected}, remote by remote, then the run-cache if asked. */
  SyncResult transfer(boolean push, List<Selected> selected) throws CairnException, IOException {
    return transfer(push, selected, null);
  }

  /** {@link #transfer(boolean, List)}; a fetch also writes the workspace {@code copies} wanted (may be null). */
  SyncResult transfer(boolean push, List<Selected> selected, ObjectTransfer.WorkspaceCopies copies)
      throws CairnException, IOException {
    String runCacheRemote = runCache ? runCacheRemote(push) : null;
    TransferResult objects = TransferResult.empty();
    List<String> remotes = new ArrayList<>();
    for (Map.Entry<String, List<HashInfo>> e : byRemote(selected).entrySet()) {
      String name = e.getKey();
      remotes.add(name);
      TransferOptions opts = options(name);
      try (Storage s = openRemote(name)) {
        ObjectTransfer t = new ObjectTransfer(repo.odb(), s, name, opts);
        objects = objects.plus(push ? t.push(e.getValue(), monitor) : t.fetch(e.getValue(), monitor, copies));
      }
    }
    TransferResult rc = runCache ? runCacheTransfer(runCacheRemote, push) : TransferResult.empty();
    return new SyncResult(objects, rc, remotes);
  }

  /** The remote for the run-cache ({@code -r} or the default), refused for HTTP as DVC does. */
  String runCacheRemote(boolean push) throws CairnException {
    String name = chooseRemote(null);
    String scheme = Storages.schemeOf(remoteConfig(name).get("url"));
    if ("http".equals(scheme) || "https".equals(scheme)) {
      throw CairnException.invalidInput("The run-cache cannot be " + (push ? "pushed to" : "pulled from")
          + " HTTP remote '" + name + "', as with DVC; drop --run-cache");
    }
    return name;
  }

  /** Copies the run-cache to or from {@code name}. */
  TransferResult runCacheTransfer(String name, boolean push) throws CairnException, IOException {
    try (Storage s = openRemote(name)) {
      RunCacheTransfer t = new RunCacheTransfer(repo.cacheDir(), s, name, options(name));
      return push ? t.push() : t.pull();
    }
  }

  /**
   * Throws when a transfer had failures: one line naming the first few objects (by output path
   * when the object is an output's own hash, else by remote key) and the reason.
   */
  void failIfNeeded(String verb, SyncResult r, List<Selected> selected, String extra)
      throws TransferFailedException {
    if (r.isOk() && extra == null) {
      return;
    }
    TransferResult all = r.objects().plus(r.runCache());
    Map<HashInfo, String> names = new HashMap<>();
    for (Selected s : selected) {
      names.putIfAbsent(s.hash(), s.name());
    }
    for (Imported i : imports) {
      if (i.hash() != null) {
        names.putIfAbsent(i.hash(), i.name());
      }
    }
    StringBuilder sb = new StringBuilder();
    int n = all.failures().size();
    if (n > 0) {
      int total = n + all.transferred();
      sb.append("Failed to ").append(verb).append(' ').append(n).append(" of ").append(total)
          .append(total == 1 ? " file" : " files").append(": ");
      int shown = 0;
      for (TransferResult.Failure f : all.failures()) {
        if (shown == 3) {
          sb.append("; and ").append(n - shown).append(" more");
          break;
        }
        if (shown > 0) {
          sb.append("; ");
        }
        String what = f.object() == null ? "" : names.getOrDefault(f.object(), RemoteLayout.key(f.object())) + " ";
        sb.append(what).append(f.reason());
        shown++;
      }
    }
    if (extra != null) {
      sb.append(sb.length() > 0 ? "; " : "").append(extra);
    }
    sb.append("; run the command again to retry");
    throw new TransferFailedException(sb.toString().replace('\n', ' '), all);
  }
}
