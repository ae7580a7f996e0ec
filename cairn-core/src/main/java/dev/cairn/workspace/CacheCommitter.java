package dev.cairn.workspace;

import dev.cairn.hash.EntryHash;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Batch;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ManifestOutput;
import dev.cairn.odb.ManifestReader;
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
 * with hardlink), and renamed into place read-only. A directory is walked once through its index,
 * its files stored on several threads and made durable in batches (one {@code syncfs} per batch),
 * its {@code .dir} manifest written as a stream and stored only after all its files. Files the state
 * knows and whose object is present are not read.
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
      return commitDir(p, monitor);
    }
    StateDb state = hasher.state();
    state.scanStart();
    BasicFileAttributes a = FileMeta.attributes(p);
    FileMeta meta = FileMeta.of(a);
    String known = state.get(p, meta);
    String md5 = commitFile(p, meta, known, null);
    if (known == null) {
      state.put(p, meta, md5, true);
    }
    EntryHash h = EntryHash.file(md5, a.size(), Files.isExecutable(p));
    relinkFile(HashInfo.md5(md5), p, h.isexec());
    return h;
  }

  private EntryHash commitDir(Path p, ProgressMonitor monitor) throws IOException {
    Batch batch = odb.batch();
    HashInfo h;
    DirScan.Result r;
    try (ManifestOutput manifest = odb.newManifest()) {
      try {
        r = hasher.scan(p, new DirScan.Work() {
          @Override
          public String known(Path file, FileMeta meta, String md5) throws IOException {
            return odb.checkListed(HashInfo.md5(md5)) ? md5 : null; // stored and intact: nothing to read
          }

          @Override
          public boolean checksKnown() {
            return true;
          }

          @Override
          public String compute(Path file, FileMeta meta) throws IOException {
            return commitFile(file, meta, null, batch);
          }
        }, (rel, file, meta, md5) -> {
          if (batch.shouldCommit()) {
            batch.commit(); // durable in batches: memory and the work of one sync stay bounded
          }
        }, manifest.writer(), monitor);
        batch.commit();
      } catch (IOException | RuntimeException e) {
        batch.abort();
        throw e;
      }
      // the manifest goes in last, so a .dir object never names files that are not there
      h = manifest.publish();
    }
    if (!h.value().equals(r.dirMd5() + ".dir")) {
      throw new IllegalStateException("manifest of " + p + " hashed to " + h + ", its scan to " + r.dirMd5());
    }
    // every object is in place: a status right after need not look for them
    hasher.state().recordObjectsPresent(odb, h, odb.prefixMtimes());
    relinkDir(p, h);
    return EntryHash.dir(h.value(), r.size(), r.nfiles());
  }

  /** Files below this size inside a directory are made durable together (one sync per batch). */
  static final long BATCH_MAX = 1 << 20;

  private String commitFile(Path f, FileMeta meta, String knownMd5, Batch batch) throws IOException {
    if (knownMd5 != null && odb.check(HashInfo.md5(knownMd5))) {
      return knownMd5;
    }
    if (hardlinkFirst()) {
      String md5 = knownMd5 != null ? knownMd5 : dev.cairn.hash.Hashing.md5File(f);
      return odb.insertHardlink(f, md5).value();
    }
    if (batch != null && meta.size() < BATCH_MAX) {
      return batch.add(f, meta.size(), knownMd5);
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

  private void relinkDir(Path dir, HashInfo h) throws IOException {
    LinkType first = linkTypes.stream().filter(t -> t != LinkType.REFLINK).findFirst().orElse(LinkType.COPY);
    if (first == LinkType.COPY) {
      return;
    }
    try (ManifestReader r = odb.openManifest(h)) {
      for (Manifest.Entry e = r.next(); e != null; e = r.next()) {
        relinkFile(HashInfo.md5(e.md5()), dir.resolve(e.relpath()), false);
      }
    }
  }
}
