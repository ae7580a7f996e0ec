package dev.cairn.workspace;

import dev.cairn.hash.EntryHash;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Batch;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.ObjectDb;
import dev.cairn.progress.ProgressMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Puts workspace outputs into the cache (DVC's "save + commit"): every file is read once, hashed
 * while it is copied into a temp file in the cache (or hard-linked when {@code cache.type} starts
 * with hardlink), and renamed into place read-only; a directory's {@code .dir} manifest is stored
 * only after all its files. Files the state cache knows and whose object is intact are not read.
 */
public final class CacheCommitter {
  private final ObjectDb odb;
  private final WorkspaceHasher hasher;
  private final List<LinkType> linkTypes;

  public CacheCommitter(ObjectDb odb, WorkspaceHasher hasher, List<LinkType> linkTypes) {
    this.odb = odb;
    this.hasher = hasher;
    this.linkTypes = linkTypes;
  }

  private boolean hardlinkFirst() {
    return !linkTypes.isEmpty() && linkTypes.get(0) == LinkType.HARDLINK;
  }

  /** Commits one file or directory; returns its hash. */
  public EntryHash commit(Path p, ProgressMonitor monitor) throws IOException {
    if (Files.isDirectory(p)) {
      Batch batch = odb.batch();
      PathHash h;
      try {
        h = hasher.hashDir(p, monitor, (f, known) -> commitFile(f, known, batch), true);
        batch.commit();
      } catch (IOException | RuntimeException e) {
        batch.abort();
        throw e;
      }
      // the manifest goes in last, so a .dir object never names files that are not there
      odb.insertBytes(HashInfo.md5(h.hash().value()), h.manifest().toBytes());
      relinkDir(h);
      return h.hash();
    }
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    StateDb.Stamp stamp = FileStamp.of(a);
    String key = p.toAbsolutePath().normalize().toString();
    String known = hasher.state().get(key, stamp);
    String md5 = commitFile(p, known, null);
    if (known == null) {
      hasher.state().put(key, stamp, md5);
    }
    EntryHash h = EntryHash.file(md5, a.size(), Files.isExecutable(p));
    relinkFile(HashInfo.md5(md5), p, h.isexec());
    return h;
  }

  /** Files below this size inside a directory are made durable together (one sync per batch). */
  static final long BATCH_MAX = 1 << 20;

  String commitFile(Path f, String knownMd5, Batch batch) throws IOException {
    if (knownMd5 != null && odb.check(HashInfo.md5(knownMd5))) {
      return knownMd5;
    }
    if (hardlinkFirst()) {
      String md5 = knownMd5 != null ? knownMd5 : dev.cairn.hash.Hashing.md5File(f);
      return odb.insertHardlink(f, md5).value();
    }
    if (batch != null && Files.size(f) < BATCH_MAX) {
      return batch.add(f, knownMd5);
    }
    return odb.insertCopy(f, knownMd5).value();
  }

  private void relinkFile(HashInfo h, Path p, boolean exec) throws IOException {
    LinkType first = linkTypes.stream().filter(t -> t != LinkType.REFLINK).findFirst().orElse(LinkType.COPY);
    if (first == LinkType.COPY) {
      return; // the workspace copy already has these bytes
    }
    if (first == LinkType.HARDLINK && Files.isSameFile(p, odb.path(h))) {
      return;
    }
    ObjectPlacer.link(odb, h, p, linkTypes, exec);
  }

  private void relinkDir(PathHash h) throws IOException {
    LinkType first = linkTypes.stream().filter(t -> t != LinkType.REFLINK).findFirst().orElse(LinkType.COPY);
    if (first == LinkType.COPY) {
      return;
    }
    for (dev.cairn.odb.Manifest.Entry e : h.manifest().entries()) {
      relinkFile(HashInfo.md5(e.md5()), h.files().get(e.relpath()), false);
    }
  }
}
