package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.odb.PreparedCopy;
import dev.cairn.odb.TempFiles;
import dev.cairn.registry.ImportStage;
import dev.cairn.registry.Materialized;
import dev.cairn.repo.Repo;
import dev.cairn.transfer.ObjectTransfer;
import dev.cairn.transfer.TransferResult;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.OutputStatus;
import dev.cairn.workspace.Tracked;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pull}: {@link FetchCommand fetch}, then checkout of the selected workspace outputs
 * (DVC's {@code dvc pull}). Outputs whose objects could not be fetched (missing or corrupt on the
 * remote) are not checked out; the others are, and then the command throws {@link
 * dev.cairn.api.errors.TransferFailedException} naming what failed. Workspace changes that are not
 * in the cache are never overwritten unless {@link #setForce forced}.
 */
public final class PullCommand extends RemoteCommand<PullCommand, PullCommand.PullResult> {
  private boolean force;

  PullCommand(Repo repo) {
    super(repo);
  }

  /**
   * The result.
   *
   * @param fetched what was downloaded
   * @param checkout what the checkout changed in the workspace
   */
  public record PullResult(SyncResult fetched, Checkouter.Changes checkout) {}

  /** Discard workspace changes that are not in the cache ({@code -f}). */
  public PullCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  PullResult run() throws IOException, CairnException {
    var selected = select(false);
    ObjectTransfer.WorkspaceCopies copies = new ObjectTransfer.WorkspaceCopies(copiesWanted(selected));
    try {
      return pull(selected, copies);
    } finally {
      for (PreparedCopy unused : copies.prepared().values()) {
        TempFiles.discard(unused.temp());
      }
    }
  }

  /**
   * The single-file outputs whose workspace copy can be written while the object downloads: not in
   * the cache, absent from the workspace (in an existing directory), DVC 3 hashes, not executable,
   * and the cache type copies (DVC's default; a link type would not copy).
   */
  private Map<HashInfo, Path> copiesWanted(List<Selected> selected) {
    Map<HashInfo, Path> wanted = new HashMap<>();
    List<LinkType> types = new ArrayList<>(repo.linkTypes());
    types.remove(LinkType.REFLINK); // not reachable from the JDK: checkout skips it
    if (types.isEmpty() || types.get(0) != LinkType.COPY) {
      return wanted;
    }
    for (Selected s : selected) {
      Tracked t = s.tracked();
      HashInfo h = s.hash();
      if (t == null || h.isDir() || h.isLegacy() || t.output().isExec() || repo.odb().exists(h)) {
        continue;
      }
      Path p = t.path();
      if (p.getParent() != null && Files.isDirectory(p.getParent()) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        wanted.putIfAbsent(h, p);
      }
    }
    return wanted;
  }

  private PullResult pull(List<Selected> selected, ObjectTransfer.WorkspaceCopies copies)
      throws IOException, CairnException {
    SyncResult fetched = transfer(false, selected, copies);
    Map<Imported, Materialized> importedData = new HashMap<>();
    TransferResult imported = fetchImports(importedData);
    fetched = new SyncResult(fetched.objects().plus(imported), fetched.runCache(), fetched.remotes());
    List<Tracked> outs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Imported i : imports()) {
      Tracked t = i.tracked();
      if (t == null || outs.contains(t)) {
        continue;
      }
      Materialized m = importedData.get(i);
      if (i.hash() != null && OutputStatus.inCache(i.hash(), repo.odb())) {
        outs.add(t);
      } else if (i.hash() == null && m != null) {
        // an import made with --no-download: checked out as its source gives it; the .dvc file keeps no
        // hash until 'commit' (DVC's behaviour)
        Map<String, Object> entry = new LinkedHashMap<>(t.entry());
        ImportStage.setData(entry, m);
        outs.add(new Tracked(t.owner(), t.file(), t.dvcFile(), entry, t.path()));
      } else {
        skipped.add(i.name() + (i.hash() != null && i.hash().isDir() ? "/" : ""));
      }
    }
    for (Selected s : selected) {
      Tracked t = s.tracked();
      if (t == null || outs.contains(t)) {
        continue;
      }
      if (OutputStatus.inCache(s.hash(), repo.odb())) {
        outs.add(t);
      } else {
        skipped.add(s.name() + (s.hash().isDir() ? "/" : ""));
      }
    }
    Checkouter checkouter = new Checkouter(repo.root(), repo.odb(), repo.hasher(), repo.linkTypes(), force, false)
        .usePrepared(copies.prepared());
    Checkouter.Changes changes;
    try {
      changes = checkouter.checkout(outs, monitor);
    } catch (MissingObjectException e) {
      throw CairnException.failed(e.getMessage(), e);
    }
    String checkoutFailure = skipped.isEmpty() ? null : "not checked out: " + String.join(", ", skipped);
    failIfNeeded("fetch", fetched, selected, checkoutFailure);
    return new PullResult(fetched, changes);
  }
}
