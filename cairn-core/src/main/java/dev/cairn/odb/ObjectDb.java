package dev.cairn.odb;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The local content-addressed cache (dvc-format.md §2): DVC 3 objects under {@code
 * <cache>/files/md5/xx/…}, legacy DVC 2 objects under {@code <cache>/xx/…}. This class owns the
 * layout, the verification of objects (an object whose mode is exactly 0444 is trusted, any other
 * is re-hashed) and their listing; inserts go through {@link ObjectWriter} (hashed while written to
 * a hidden temp file, fsync'd, renamed into place, made read-only), many at once through a {@link
 * Batch}, and the temp files of the process are tracked by {@link TempFiles}. Placing objects in
 * the workspace is the workspace package's ({@code Checkouter}). Thread-safe: concurrent inserts of
 * the same object are harmless (the rename is atomic and the content identical).
 */
public final class ObjectDb {
  static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
  private static final Pattern HEX2 = Pattern.compile("[0-9a-f]{2}");
  private static final Pattern REST = Pattern.compile("[0-9a-f]{30}(\\.dir)?");

  private final Path cacheDir;
  private final Path md5Root;
  private final boolean fsync;
  private ObjectWriter writer; // made on the first insert: commands that only read never load it

  /**
   * @param cacheDir the cache root ({@code .dvc/cache} or {@code cache.dir})
   * @param fsync whether to fsync objects before they are renamed into place
   */
  public ObjectDb(Path cacheDir, boolean fsync) {
    this.cacheDir = cacheDir.toAbsolutePath().normalize();
    this.md5Root = this.cacheDir.resolve("files").resolve("md5");
    this.fsync = fsync;
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** The path of an object, in the DVC 3 or legacy root depending on the hash name. */
  public Path path(HashInfo h) {
    Path root = h.isLegacy() ? cacheDir : md5Root;
    return root.resolve(h.value().substring(0, 2)).resolve(h.value().substring(2));
  }

  /** Whether the object file exists (no content check). */
  public boolean exists(HashInfo h) {
    return Files.isRegularFile(path(h));
  }

  /**
   * Whether the object exists and is intact: a 0444 file is trusted as DVC does, any other mode is
   * re-hashed; a corrupt object is deleted (it can be fetched or re-added) and reported missing.
   */
  public boolean check(HashInfo h) throws IOException {
    Path p = path(h);
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(p);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (perms.equals(READ_ONLY)) {
      return true;
    }
    if (verify(h)) {
      Files.setPosixFilePermissions(p, READ_ONLY);
      return true;
    }
    Files.deleteIfExists(p);
    return false;
  }

  /** Re-hashes an object and compares it with its name; false when missing or different. */
  public boolean verify(HashInfo h) throws IOException {
    Path p = path(h);
    if (!Files.isRegularFile(p)) {
      return false;
    }
    String actual = h.isLegacy() && !h.isDir()
        ? Hashing.dos2unixMd5(p, Hashing.Dos2UnixRule.DVC2)
        : Hashing.md5File(p);
    if (actual.equals(h.bare())) {
      return true;
    }
    if (h.isLegacy() && !h.isDir()) {
      return Hashing.dos2unixMd5(p, Hashing.Dos2UnixRule.DVC3).equals(h.bare());
    }
    return false;
  }

  /** Whether an object file with these permissions is trusted without re-hashing (exactly 0444, as DVC). */
  public static boolean isTrusted(Set<PosixFilePermission> perms) {
    return perms.equals(READ_ONLY);
  }

  /** The writer (stateless besides this cache, so a racing second one is harmless). */
  private ObjectWriter writer() {
    ObjectWriter w = writer;
    if (w == null) {
      w = new ObjectWriter(this);
      writer = w;
    }
    return w;
  }

  /** The root of the DVC 3 objects, {@code <cache>/files/md5}. */
  Path md5Root() {
    return md5Root;
  }

  /** Whether objects are fsync'd before they are renamed into place. */
  boolean fsync() {
    return fsync;
  }

  /**
   * Copies a file into the cache under its DVC 3 md5, hashing while copying (one read). Returns the
   * hash; if an intact object is already present, nothing is written.
   *
   * @param knownMd5 the hash if already known (from the state cache), or null
   */
  public HashInfo insertCopy(Path src, String knownMd5) throws IOException {
    return writer().insertCopy(src, knownMd5);
  }

  /** Starts a manifest object that is written into the cache entry by entry. */
  public ManifestOutput newManifest() throws IOException {
    return new ManifestOutput(this, writer());
  }

  /** Starts a batch of inserts. */
  public Batch batch() {
    return new Batch(this, writer());
  }

  /**
   * Hard-links a file into the cache (DVC's add with {@code cache.type} starting with hardlink):
   * the workspace file becomes the read-only object. Falls back to {@link #insertCopy} across
   * devices or when links are not supported.
   */
  public HashInfo insertHardlink(Path src, String md5) throws IOException {
    return writer().insertHardlink(src, md5);
  }

  /** Writes bytes (a {@code .dir} manifest) as an object, checking them against {@code h}. */
  public void insertBytes(HashInfo h, byte[] data) throws IOException {
    writer().insertBytes(h, data);
  }

  /**
   * Stores a stream (a download) under {@code h}: hashed while written, refused if the hash
   * differs, so nothing unverified ever enters the cache.
   */
  public void insertStream(HashInfo h, InputStream in) throws IOException {
    writer().insertStream(h, in);
  }

  /** Reads and verifies a {@code .dir} manifest object. */
  public Manifest readManifest(HashInfo h) throws IOException {
    Path p = path(h);
    InputStream in;
    try {
      in = Files.newInputStream(p);
    } catch (NoSuchFileException e) {
      throw new MissingObjectException(h, "Directory manifest " + h + " is not in the cache");
    }
    // streamed and hashed as it is parsed: a huge manifest is never held as bytes or a JSON tree
    CorruptObjectException damaged = new CorruptObjectException("Directory manifest " + h + " in the cache is corrupt");
    try (InputStream buffered = new java.io.BufferedInputStream(in, 1 << 16)) {
      return Manifest.readVerified(buffered, h.bare(), h.value(), damaged);
    } catch (CorruptObjectException e) {
      // unless damaged, the bytes match their hash: not damage but a manifest that was made this way
      throw e == damaged || e.getMessage().startsWith("Refusing") ? e
          : new CorruptObjectException(e.getMessage().replaceFirst("^Corrupted", "Refusing"));
    }
  }

  /**
   * Opens a {@code .dir} manifest object for reading entry by entry, after checking its bytes against
   * its name in one pass over the file: a manifest of a million entries is never held in memory.
   *
   * @throws MissingObjectException when the object is not in the cache
   * @throws CorruptObjectException when its bytes do not hash to its name ("... is corrupt"); while
   *     reading, when an entry is refused ("Refusing ...")
   */
  public ManifestReader openManifest(HashInfo h) throws IOException {
    Path p = path(h);
    String got;
    try {
      got = Hashing.md5File(p); // a manifest object is named by the plain md5 of its bytes, legacy or not
    } catch (NoSuchFileException e) {
      throw new MissingObjectException(h, "Directory manifest " + h + " is not in the cache");
    }
    if (!got.equals(h.bare())) {
      throw new CorruptObjectException("Directory manifest " + h + " in the cache is corrupt");
    }
    InputStream in = new java.io.BufferedInputStream(Files.newInputStream(p), 1 << 16);
    try {
      return new ManifestReader(in, h.value()).verified();
    } catch (CorruptObjectException e) {
      in.close();
      throw new CorruptObjectException(e.getMessage().replaceFirst("^Corrupted", "Refusing"));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Lists every object in both roots (and stray temp files, in a root or an {@code xx/} directory,
   * through {@code temps}, may be null).
   * Only {@code xx/30-hex[.dir]} names count as objects.
   */
  public void list(Consumer<HashInfo> sink, Consumer<Path> temps) throws IOException {
    listRoot(md5Root, HashInfo.MD5, sink, temps);
    listRoot(cacheDir, HashInfo.MD5_DOS2UNIX, sink, temps);
  }

  private static void listRoot(Path root, String name, Consumer<HashInfo> sink, Consumer<Path> temps) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        String dn = d.getFileName().toString();
        if (temps != null && dn.startsWith(".") && dn.endsWith(".tmp") && Files.isRegularFile(d, LinkOption.NOFOLLOW_LINKS)) {
          temps.accept(d); // batch inserts write their temp files at the root
          continue;
        }
        if (!HEX2.matcher(dn).matches() || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
          for (Path f : files) {
            String fn = f.getFileName().toString();
            if (REST.matcher(fn).matches()) {
              sink.accept(new HashInfo(name, dn + fn));
            } else if (temps != null && fn.startsWith(".") && fn.endsWith(".tmp")) {
              temps.accept(f);
            }
          }
        }
      }
    }
  }

  /** What each prefix directory of the DVC 3 root holds, listed at most once per instance. */
  private final CacheListing listing = new CacheListing();

  /**
   * Whether an object file exists, answered from a listing of its prefix directory made at most
   * once per instance. For bulk existence checks (a directory's entries); objects added through
   * this instance afterwards are seen too.
   */
  public boolean existsListed(HashInfo h) throws IOException {
    if (h.isLegacy()) {
      return exists(h);
    }
    return listing.contains(md5Root, h.value()) || exists(h);
  }

  /**
   * {@link #check} for bulk use: an object absent from its prefix directory's listing (made once per
   * instance, kept current with this instance's own inserts) is missing without a stat of its own.
   */
  public boolean checkListed(HashInfo h) throws IOException {
    if (!h.isLegacy() && !listing.contains(md5Root, h.value())) {
      return false;
    }
    return check(h);
  }

  /**
   * The modification times (ns) of the 256 prefix directories of the DVC 3 root, -1 for one that
   * does not exist: while a directory's time is unchanged, no object was added to it or removed.
   */
  public long[] prefixMtimes() {
    long[] out = new long[256];
    for (int i = 0; i < 256; i++) {
      Path d = md5Root.resolve(String.format("%02x", i));
      try {
        out[i] = Files.readAttributes(d, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (IOException e) {
        out[i] = -1;
      }
    }
    return out;
  }

  /** Deletes an object (gc). */
  public void delete(HashInfo h) throws IOException {
    Files.deleteIfExists(path(h));
  }

  /** Keeps the prefix listings current with an object this instance just renamed into place. */
  void published(Path target) {
    Path dir = target.getParent();
    if (md5Root.equals(dir.getParent())) {
      listing.added(dir.getFileName().toString() + target.getFileName().toString());
    }
  }
}
