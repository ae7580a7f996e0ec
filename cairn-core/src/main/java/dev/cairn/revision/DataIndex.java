package dev.cairn.revision;

import dev.cairn.format.StructuredFiles;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import dev.cairn.hash.EntryHash;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.Stage;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.repo.Repo;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.TrackedCollector;
import dev.cairn.workspace.WorkspaceHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cached data a revision holds, as DVC's data index: every output with {@code cache: true} of
 * every {@code .dvc} file and every stage of every {@code dvc.yaml} (with its {@code dvc.lock}
 * record), by repo-relative path, and for a directory output the files its {@code .dir} manifest
 * lists (read from the cache; {@linkplain #childrenKnown unknown} when the manifest is not there).
 * Built from what a revision records ({@link #recorded}) or from what the workspace holds at the
 * paths the workspace records ({@link #workspace}, hashed through the state cache). Immutable.
 */
public final class DataIndex {
  /**
   * One entry.
   *
   * @param key the repo-relative path, without a trailing {@code /}
   * @param hash the hash (a directory's names its {@code .dir} object), or null when none is
   *     recorded (an output its stage never produced)
   * @param isDir whether it is a directory, or null when nothing is known about it
   * @param size its size in bytes, -1 when unknown
   */
  public record Entry(String key, HashInfo hash, Boolean isDir, long size) {
    /** The path as DVC prints it: a directory's ends with {@code /}. */
    public String path() {
      return Boolean.TRUE.equals(isDir) ? key + "/" : key;
    }
  }

  private final TreeMap<String, Entry> outputs;
  private final Map<String, List<Entry>> children;

  private DataIndex(TreeMap<String, Entry> outputs, Map<String, List<Entry>> children) {
    this.outputs = outputs;
    this.children = children;
  }

  /** An index with nothing in it (a revision before the first commit). */
  public static DataIndex empty() {
    return new DataIndex(new TreeMap<>(), Map.of());
  }

  /** The outputs, by key in code-point order. */
  public Map<String, Entry> outputs() {
    return Collections.unmodifiableMap(outputs);
  }

  /** The output at {@code key}, if any. */
  public Optional<Entry> output(String key) {
    return Optional.ofNullable(outputs.get(key));
  }

  /** Whether the files of directory output {@code key} are known (its manifest was read). */
  public boolean childrenKnown(String key) {
    return children.containsKey(key);
  }

  /** The files of directory output {@code key} (keys are full repo-relative paths); empty when unknown. */
  public List<Entry> children(String key) {
    return children.getOrDefault(key, List.of());
  }

  /** What {@code files} records, the manifests of its directory outputs read from {@code odb}. */
  public static DataIndex recorded(RevisionFiles files, ObjectDb odb) throws IOException {
    TreeMap<String, Entry> outs = new TreeMap<>();
    for (String p : files.list("")) {
      String name = p.substring(p.lastIndexOf('/') + 1);
      String dir = p.lastIndexOf('/') < 0 ? "" : p.substring(0, p.lastIndexOf('/'));
      if (name.equals("dvc.yaml")) {
        addPipeline(outs, files, p, dir);
      } else if (name.endsWith(".dvc") && name.length() > 4) {
        addDvcFile(outs, files, p, dir);
      }
    }
    Map<String, List<Entry>> children = new TreeMap<>();
    for (Entry e : outs.values()) {
      if (e.hash() != null && e.hash().isDir()) {
        try {
          Manifest m = odb.readManifest(e.hash());
          List<Entry> kids = new ArrayList<>(m.entries().size());
          for (Manifest.Entry me : m.entries()) {
            kids.add(new Entry(e.key() + "/" + me.relpath(), new HashInfo(e.hash().name(), me.md5()), false, -1));
          }
          children.put(e.key(), kids);
        } catch (IOException ex) {
          // not in the cache (or corrupt): the files are unknown
        }
      }
    }
    return new DataIndex(outs, children);
  }

  /**
   * What the workspace records: its {@code .dvc} files (found as {@code status} finds them, skipping
   * tracked outputs and {@code .dvcignore}d paths) and every {@code dvc.yaml} with its {@code dvc.lock}.
   *
   * @throws PipelineException for a {@code dvc.yaml} or {@code dvc.lock} that cannot be read
   */
  public static DataIndex recordedInWorkspace(Repo repo) throws IOException, PipelineException {
    Path root = repo.root();
    List<String> listing = new ArrayList<>();
    for (DvcFile f : new TrackedCollector(root, new DvcIgnore(root)).dvcFiles()) {
      listing.add(repo.relativize(f.file()));
    }
    for (Pipeline p : PipelineIndex.load(repo).pipelines()) {
      listing.add(DvcYamlScan.join(p.dir(), "dvc.yaml"));
    }
    listing.sort(dev.cairn.format.CodePointOrder.INSTANCE);
    WorkspaceFiles ws = new WorkspaceFiles(root);
    RevisionFiles view = new RevisionFiles() {
      @Override
      public Optional<byte[]> read(String path) throws IOException {
        return ws.read(path);
      }

      @Override
      public List<String> list(String dir) {
        return dir.isEmpty() ? listing : listing.stream().filter(p -> p.startsWith(dir + "/")).toList();
      }
    };
    return recorded(view, repo.odb());
  }

  /**
   * What the workspace holds at the outputs {@code recorded} names: each existing output hashed
   * (with the legacy hash when its record is a DVC 2 one), a directory with its files; a missing
   * output has no entry.
   */
  public static DataIndex workspace(DataIndex recorded, Path root, WorkspaceHasher hasher, ProgressMonitor monitor)
      throws IOException {
    TreeMap<String, Entry> outs = new TreeMap<>();
    Map<String, List<Entry>> children = new TreeMap<>();
    for (Entry r : recorded.outputs.values()) {
      Path p = root.resolve(r.key());
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
        continue;
      }
      boolean legacy = r.hash() != null && r.hash().isLegacy();
      String name = legacy ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
      if (Files.isDirectory(p)) {
        List<Entry> kids = new ArrayList<>();
        WorkspaceHasher.EntryConsumer kid = (rel, md5) -> kids.add(
            new Entry(r.key() + "/" + rel, new HashInfo(name, md5), false, -1));
        EntryHash h = legacy ? hasher.hashDirLegacy(p, monitor, kid) : hasher.hashDir(p, monitor, kid);
        outs.put(r.key(), new Entry(r.key(), new HashInfo(name, h.value()), true, h.size()));
        children.put(r.key(), kids);
      } else if (Files.isRegularFile(p)) {
        EntryHash h = hasher.hashFile(p);
        String value = legacy ? Hashing.dos2unixMd5(p, Hashing.Dos2UnixRule.DVC2) : h.value();
        outs.put(r.key(), new Entry(r.key(), new HashInfo(name, value), false, h.size()));
      }
    }
    return new DataIndex(outs, children);
  }

  private static void addDvcFile(TreeMap<String, Entry> outs, RevisionFiles files, String path, String dir)
      throws IOException {
    Map<?, ?> doc = load(files, path);
    if (doc == null || !(doc.get("outs") instanceof List<?> list)) {
      return;
    }
    String wdir = doc.get("wdir") instanceof String w ? DvcYamlScan.join(dir, w) : dir;
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("path") instanceof String p) || Boolean.FALSE.equals(m.get("cache"))
          || p.contains("://") || p.startsWith("/")) {
        continue;
      }
      String key = DvcYamlScan.join(wdir, p);
      Object md5 = m.get("md5");
      HashInfo h = md5 != null && HashInfo.isValid(String.valueOf(md5))
          ? new HashInfo("md5".equals(m.get("hash")) ? HashInfo.MD5 : HashInfo.MD5_DOS2UNIX, String.valueOf(md5))
          : null;
      long size = m.get("size") instanceof Number n ? n.longValue() : -1;
      outs.put(key, new Entry(key, h, h == null ? null : h.isDir(), size));
    }
  }

  private static void addPipeline(TreeMap<String, Entry> outs, RevisionFiles files, String yamlPath, String dir)
      throws IOException {
    Optional<Pipeline> pipeline;
    try {
      pipeline = DvcYamlScan.pipeline(files, yamlPath);
    } catch (PipelineException e) {
      return; // the pipeline commands report it
    }
    if (pipeline.isEmpty()) {
      return;
    }
    String lockPath = DvcYamlScan.join(dir, "dvc.lock");
    LockFile lock;
    try {
      Optional<byte[]> bytes = files.read(lockPath);
      lock = bytes.isEmpty() ? LockFile.empty()
          : LockFile.parse(new String(bytes.get(), StandardCharsets.UTF_8), lockPath);
    } catch (PipelineException e) {
      lock = LockFile.empty();
    }
    for (Stage s : pipeline.get().stages()) {
      LockEntry le = lock.entry(s.name()).orElse(null);
      for (Out o : s.outs()) {
        if (!o.cache()) {
          continue;
        }
        String key = s.repoPath(o.path());
        LockItem item = le == null ? null : le.out(o.path());
        EntryHash eh = item == null ? null : item.hash();
        HashInfo h = eh == null ? null : eh.objectHash(item.legacy());
        long size = eh == null || eh.size() == null ? -1 : eh.size();
        outs.put(key, new Entry(key, h, h == null ? null : h.isDir(), size));
      }
    }
  }

  private static Map<?, ?> load(RevisionFiles files, String path) throws IOException {
    Optional<byte[]> bytes = files.read(path);
    if (bytes.isEmpty()) {
      return null;
    }
    try {
      return StructuredFiles.parseYaml(new String(bytes.get(), StandardCharsets.UTF_8), path) instanceof Map<?, ?> m
          ? m : null;
    } catch (StructuredFiles.ParseException e) {
      return null;
    }
  }
}
