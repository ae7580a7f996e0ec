package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.ObjectDb;
import dev.cairn.hash.EntryHash;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.Stage;
import dev.cairn.repo.Repo;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.workspace.CacheCommitter;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.PathHash;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cache migrate}: moves a DVC 2 cache to DVC 3's layout, as {@code dvc cache migrate} does.
 * Every legacy object ({@code <cache>/xx/…}, hashed md5-dos2unix) is re-hashed with plain MD5 and
 * linked (copied across devices) to {@code <cache>/files/md5/}; a {@code .dir} manifest is moved
 * with its bytes unchanged, under the MD5 of those bytes, as DVC does. The legacy objects stay.
 * With {@link #setDvcFiles}, every legacy entry of the {@code .dvc} files and {@code dvc.lock}
 * files (outputs, and the deps of stages) is then re-hashed from the workspace with MD5, committed
 * to the cache and rewritten with {@code hash: md5}; entries whose data is not in the workspace
 * keep their legacy hash. {@link #setDryRun} only counts.
 */
public final class CacheMigrateCommand extends RepoCommand<CacheMigrateCommand.MigrateResult> {
  private boolean dvcFiles;
  private boolean dryRun;

  CacheMigrateCommand(Repo repo) {
    super(repo);
  }

  /**
   * What was (or would be) done.
   *
   * @param objects legacy objects migrated (in a dry run: found)
   * @param files the DVC files whose entries were (or would be) rewritten, repo-relative
   */
  public record MigrateResult(int objects, List<String> files, boolean dryRun) {
    public MigrateResult {
      files = List.copyOf(files);
    }
  }

  /** Also rewrite the legacy entries of {@code .dvc} and {@code dvc.lock} files ({@code --dvc-files}). */
  public CacheMigrateCommand setDvcFiles(boolean b) {
    dvcFiles = b;
    return this;
  }

  /** Only report ({@code --dry}). */
  public CacheMigrateCommand setDryRun(boolean b) {
    dryRun = b;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  MigrateResult run() throws IOException, CairnException {
    ObjectDb odb = repo.odb();
    List<HashInfo> legacy = new ArrayList<>();
    odb.list(h -> {
      if (h.isLegacy()) {
        legacy.add(h);
      }
    }, null);
    if (!dryRun) {
      monitor.beginTask("Migrating to DVC 3.0 cache", legacy.size());
      for (HashInfo h : legacy) {
        Path src = odb.path(h);
        String md5 = Hashing.md5File(src);
        if (h.isDir()) {
          HashInfo dest = new HashInfo(HashInfo.MD5, md5 + ".dir");
          if (!odb.exists(dest)) {
            odb.insertBytes(dest, Files.readAllBytes(src));
          }
        } else if (!odb.exists(HashInfo.md5(md5))) {
          odb.insertHardlink(src, md5);
        }
        monitor.update(1);
      }
      monitor.endTask();
    }
    List<String> files = dvcFiles ? migrateDvcFiles() : List.of();
    return new MigrateResult(legacy.size(), files, dryRun);
  }

  private List<String> migrateDvcFiles() throws IOException, CairnException {
    List<String> changed = new ArrayList<>();
    CacheCommitter committer = new CacheCommitter(repo.odb(), repo.hasher(), repo.linkTypes());
    for (DvcFile f : new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).dvcFiles()) {
      boolean modified = false;
      for (Map<String, Object> out : f.outs()) {
        if (out.get("md5") == null || "md5".equals(out.get("hash")) || Boolean.FALSE.equals(out.get("cache"))) {
          continue;
        }
        Path p = f.baseDir().resolve(String.valueOf(out.get("path"))).normalize();
        if (!Files.exists(p)) {
          continue;
        }
        modified = true;
        if (!dryRun) {
          DvcFile.setHash(out, committer.commit(p, monitor));
        }
      }
      if (modified) {
        changed.add(repo.relativize(f.file()));
        if (!dryRun) {
          f.write();
        }
      }
    }
    PipelineIndex index = PipelineIndex.load(repo);
    for (Pipeline p : index.pipelines()) {
      LockFile lock = index.lock(p.dir());
      LockFile updated = lock;
      for (Stage s : p.stages()) {
        LockEntry e = lock.entry(s.name()).orElse(null);
        if (e == null || e.deps().stream().noneMatch(LockItem::legacy) && e.outs().stream().noneMatch(LockItem::legacy)) {
          continue;
        }
        List<LockItem> deps = new ArrayList<>();
        for (LockItem d : e.deps()) {
          deps.add(d.legacy() ? rehash(s, d, null) : d);
        }
        List<LockItem> outs = new ArrayList<>();
        for (LockItem o : e.outs()) {
          outs.add(o.legacy() ? rehash(s, o, committer) : o);
        }
        updated = updated.with(s.name(), new LockEntry(e.cmd(), deps, e.params(), outs));
      }
      if (updated != lock) {
        Path lf = repo.root().resolve(p.dir()).resolve("dvc.lock");
        changed.add(repo.relativize(lf));
        if (!dryRun) {
          updated.write(lf);
        }
      }
    }
    return changed;
  }

  /** A legacy item re-hashed with MD5 from the workspace (and committed, for an output); as it was when absent. */
  private LockItem rehash(Stage s, LockItem item, CacheCommitter committer) throws IOException {
    Path p = repo.root().resolve(s.repoPath(item.path())).normalize();
    if (!Files.exists(p) || dryRun) {
      return Files.exists(p) ? new LockItem(item.path(), false, item.hash()) : item;
    }
    EntryHash eh = committer == null ? repo.hasher().hash(p, monitor) : committer.commit(p, monitor);
    return LockItem.of(item.path(), eh);
  }
}
