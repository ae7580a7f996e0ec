package dev.cairn.hash;

import java.util.function.Consumer;

/**
 * A set of {@link HashInfo}s kept compact ({@link Md5Set}s by kind: DVC 3 files and directories,
 * legacy files and directories), for the sets that grow with a tree: the objects a transfer plans,
 * finds on a remote or has copied, the objects {@code gc} keeps. About 32 bytes per object.
 * Thread-safe.
 */
public final class ObjectSet {
  private final Md5Set files = new Md5Set();
  private final Md5Set dirs = new Md5Set();
  private final Md5Set legacyFiles = new Md5Set();
  private final Md5Set legacyDirs = new Md5Set();

  private Md5Set of(HashInfo h) {
    return h.isLegacy() ? (h.isDir() ? legacyDirs : legacyFiles) : (h.isDir() ? dirs : files);
  }

  /** Adds an object; returns whether it was new. */
  public boolean add(HashInfo h) {
    return of(h).add(h.value());
  }

  /** Whether the set holds the object. */
  public boolean contains(HashInfo h) {
    return of(h).contains(h.value());
  }

  /** How many objects the set holds. */
  public int size() {
    return files.size() + dirs.size() + legacyFiles.size() + legacyDirs.size();
  }

  /** How many legacy ({@code md5-dos2unix}) objects, or how many DVC 3 ones, the set holds. */
  public int size(boolean legacy) {
    return legacy ? legacyFiles.size() + legacyDirs.size() : files.size() + dirs.size();
  }

  /** Whether the set is empty. */
  public boolean isEmpty() {
    return size() == 0;
  }

  /** Calls {@code sink} with every file object (not {@code .dir}), each made as it is passed. */
  public void forEachFile(Consumer<HashInfo> sink) {
    files.forEach((hi, lo) -> sink.accept(new HashInfo(HashInfo.MD5, Md5Set.hex(hi, lo))));
    legacyFiles.forEach((hi, lo) -> sink.accept(new HashInfo(HashInfo.MD5_DOS2UNIX, Md5Set.hex(hi, lo))));
  }

  /** Calls {@code sink} with every object, files before directories (each made as it is passed). */
  public void forEach(Consumer<HashInfo> sink) {
    files.forEach((hi, lo) -> sink.accept(new HashInfo(HashInfo.MD5, Md5Set.hex(hi, lo))));
    legacyFiles.forEach((hi, lo) -> sink.accept(new HashInfo(HashInfo.MD5_DOS2UNIX, Md5Set.hex(hi, lo))));
    dirs.forEach((hi, lo) -> sink.accept(new HashInfo(HashInfo.MD5, Md5Set.hex(hi, lo) + ".dir")));
    legacyDirs.forEach((hi, lo) -> sink.accept(new HashInfo(HashInfo.MD5_DOS2UNIX, Md5Set.hex(hi, lo) + ".dir")));
  }
}
