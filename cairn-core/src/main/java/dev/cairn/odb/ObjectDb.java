package dev.cairn.odb;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.storage.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The local content-addressed cache (dvc-format.md §2): DVC 3 objects under {@code
 * <cache>/files/md5/xx/…}, legacy DVC 2 objects under {@code <cache>/xx/…}. Every write goes to a
 * hidden temp file in the target directory, is hashed while written, fsync'd, renamed into place and
 * made read-only (0444); an object whose mode is exactly 0444 is trusted, any other is re-hashed.
 * Thread-safe: concurrent inserts of the same object are harmless (the rename is atomic and the
 * content identical).
 */
public final class ObjectDb {
  static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
  private static final Pattern HEX2 = Pattern.compile("[0-9a-f]{2}");
  private static final Pattern REST = Pattern.compile("[0-9a-f]{30}(\\.dir)?");
  private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(Hashing.CHUNK));

  private final Path cacheDir;
  private final Path md5Root;
  private final boolean fsync;

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
      protect(p);
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

  /**
   * Copies a file into the cache under its DVC 3 md5, hashing while copying (one read). Returns the
   * hash; if an intact object is already present, nothing is written.
   *
   * @param knownMd5 the hash if already known (from the state cache), or null
   */
  public HashInfo insertCopy(Path src, String knownMd5) throws IOException {
    if (knownMd5 != null) {
      HashInfo h = HashInfo.md5(knownMd5);
      if (check(h)) {
        return h;
      }
    }
    ensureDir(md5Root);
    Path tmp = tempIn(md5Root);
    try {
      String md5 = copyHashing(src, tmp, fsync);
      HashInfo h = HashInfo.md5(md5);
      publish(tmp, path(h));
      return h;
    } finally {
      discard(tmp);
    }
  }

  /** Files at least this large are copied by two threads: one hashes while the other writes. */
  static final long PIPELINE_MIN = 8L << 20;
  /** Batches of at most this many files are made durable by an fsync each instead of one syncfs. */
  static final int FSYNC_EACH_MAX = 16;
  /** Downloads to be made durable are flushed to disk each time this many more bytes are written. */
  static final long FLUSH_AHEAD = 64L << 20;

  /** Copies {@code src} to a new file {@code dst}, hashing the bytes written; returns the md5. */
  static String copyHashing(Path src, Path dst, boolean fsync) throws IOException {
    try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
         FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      String md5 = in.size() >= PIPELINE_MIN ? PipelinedCopy.copy(in, out, fsync ? FLUSH_AHEAD : 0) : copySmall(in, out);
      if (fsync) {
        out.force(true);
      }
      return md5;
    }
  }

  private static final ThreadLocal<byte[]> HEAP = ThreadLocal.withInitial(() -> new byte[1 << 16]);

  private static String copySmall(FileChannel in, FileChannel out) throws IOException {
    MessageDigest md = Hashing.md5(in.size());
    byte[] arr = HEAP.get();
    ByteBuffer buf = ByteBuffer.wrap(arr);
    while (true) {
      buf.clear();
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      md.update(arr, 0, n);
      buf.flip();
      while (buf.hasRemaining()) {
        out.write(buf);
      }
    }
    return Hashing.hex(md.digest());
  }

  /**
   * A group of inserts made durable together: each file is copied (and hashed) to a temp file
   * without its own fsync; {@link #commit()} flushes the filesystem once ({@code syncfs}, or one
   * fsync per file for a few files or where syncfs is unavailable) and only then renames every object into place, so
   * an object is never visible before its bytes are on disk. Used for the many small files of a
   * directory, where 100k fsyncs would dominate. Not thread-safe for commit; {@link #add} may be
   * called from several threads.
   */
  public final class Batch {
    private final java.util.concurrent.ConcurrentLinkedQueue<Path[]> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Copies a file to a temp file in the cache, or skips it if the object is intact; returns its md5. */
    public String add(Path src, String knownMd5) throws IOException {
      if (knownMd5 != null && check(HashInfo.md5(knownMd5))) {
        return knownMd5;
      }
      ensureDir(md5Root);
      Path tmp = tempIn(md5Root);
      String md5;
      try {
        md5 = copyHashing(src, tmp, false);
      } catch (IOException e) {
        discard(tmp);
        throw e;
      }
      HashInfo h = HashInfo.md5(md5);
      if (exists(h) && check(h)) {
        discard(tmp);
      } else {
        pending.add(new Path[] {tmp, path(h)});
      }
      return md5;
    }

    /**
     * Writes a stream (a download) to a temp file and verifies it against {@code h}; it becomes
     * visible at {@link #commit}. A stream whose bytes do not match is refused here.
     */
    public void addStream(HashInfo h, InputStream in) throws IOException {
      pending.add(new Path[] {writeVerified(h, in, false), path(h)});
    }

    /**
     * {@link #addStream} that also writes the bytes to a new workspace file beside {@code dest}
     * (mode 0644 less the umask), so that a pull's checkout renames it into place instead of copying
     * the object again. Returns that hidden temp file, whose bytes are verified with the object's;
     * when anything fails, neither file is kept.
     */
    public PreparedCopy addStreamWithCopy(HashInfo h, InputStream in, Path dest) throws IOException {
      Path copy = workspaceTempIn(dest.getParent());
      try (FileChannel tee = FileChannel.open(copy, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(WORKSPACE_FILE))) {
        pending.add(new Path[] {writeVerified(h, in, false, tee), path(h)});
      } catch (IOException | RuntimeException | Error e) {
        discard(copy);
        throw e;
      }
      return new PreparedCopy(h, copy);
    }

    /** Makes every added object durable, then visible. */
    public void commit() throws IOException {
      if (pending.isEmpty()) {
        return;
      }
      // a few files are fsync'd one by one: syncfs would also wait for every other dirty byte on
      // the filesystem (another program's gigabytes); many files share one syncfs
      if (fsync && (pending.size() <= FSYNC_EACH_MAX || !dev.cairn.internal.Flock.syncfs(md5Root.toString()))) {
        for (Path[] p : pending) {
          try (FileChannel ch = FileChannel.open(p[0], StandardOpenOption.WRITE)) {
            ch.force(true);
          }
        }
      }
      for (Path[] p : pending) {
        publish(p[0], p[1]);
      }
      pending.clear();
    }

    /** Deletes the temp files of a batch that will not be committed. */
    public void abort() {
      for (Path[] p : pending) {
        try {
          discard(p[0]);
        } catch (IOException ignored) {
          // stray temp files are removed by gc
        }
      }
      pending.clear();
    }
  }

  /** Starts a batch of inserts. */
  public Batch batch() {
    return new Batch();
  }

  /**
   * Hard-links a file into the cache (DVC's add with {@code cache.type} starting with hardlink):
   * the workspace file becomes the read-only object. Falls back to {@link #insertCopy} across
   * devices or when links are not supported.
   */
  public HashInfo insertHardlink(Path src, String md5) throws IOException {
    HashInfo h = HashInfo.md5(md5);
    Path target = path(h);
    if (check(h)) {
      return h;
    }
    ensureDir(target.getParent());
    Path tmp = tempIn(target.getParent());
    try {
      Files.createLink(tmp, src);
    } catch (IOException | UnsupportedOperationException e) {
      return insertCopy(src, null);
    }
    try {
      if (!Hashing.md5File(tmp).equals(md5)) {
        throw new CorruptObjectException("File " + src + " changed while it was being added; run the command again");
      }
      publish(tmp, target);
      return h;
    } finally {
      discard(tmp);
    }
  }

  /** Writes bytes (a {@code .dir} manifest) as an object, checking them against {@code h}. */
  public void insertBytes(HashInfo h, byte[] data) throws IOException {
    if (!Hashing.md5Hex(data).equals(h.bare())) {
      throw new CorruptObjectException("Refusing to store object " + h + ": its bytes hash differently");
    }
    if (check(h)) {
      return;
    }
    Path target = path(h);
    ensureDir(target.getParent());
    Path tmp = tempIn(target.getParent());
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          out.write(b);
        }
        if (fsync) {
          out.force(true);
        }
      }
      publish(tmp, target);
    } finally {
      discard(tmp);
    }
  }

  /**
   * Stores a stream (a download) under {@code h}: hashed while written, refused if the hash
   * differs, so nothing unverified ever enters the cache.
   */
  public void insertStream(HashInfo h, InputStream in) throws IOException {
    Path tmp = writeVerified(h, in, fsync);
    try {
      publish(tmp, path(h));
    } finally {
      discard(tmp);
    }
  }

  /**
   * Writes a stream to a temp file beside the object's final path and checks its hash; the temp
   * file is deleted when that fails.
   */
  private Path writeVerified(HashInfo h, InputStream in, boolean sync) throws IOException {
    return writeVerified(h, in, sync, null);
  }

  /** {@link #writeVerified(HashInfo, InputStream, boolean)} that also writes every byte to {@code tee} when given. */
  private Path writeVerified(HashInfo h, InputStream in, boolean sync, FileChannel tee) throws IOException {
    Path target = path(h);
    ensureDir(target.getParent());
    Path tmp = tempIn(target.getParent());
    boolean ok = false;
    try {
      MessageDigest md = Hashing.md5();
      String pipelined = null;
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ChunkedInput chunks = ChunkedInput.of(in);
        byte[] buf = HEAP.get();
        long written = 0;
        int n;
        if (chunks != null) {
          // a large download in buffers of its own: hashed and written from them, no copy. When
          // the workspace copy is written too, nothing reads the object soon: it goes to the disk
          // directly, past the page cache, where the kernel would copy it and later write it back
          int block = tee == null ? 0 : directBlock(tmp);
          FileChannel direct = block == 0 ? null : openDirect(tmp);
          try {
            pipelined = PipelinedCopy.copyChunks(chunks, out, direct, block, tee, md, fsync ? FLUSH_AHEAD : 0);
          } finally {
            if (direct != null) {
              direct.close();
            }
          }
        }
        while (pipelined == null && (n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
          ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
          while (b.hasRemaining()) {
            out.write(b);
          }
          if (tee != null) {
            b.rewind();
            while (b.hasRemaining()) {
              tee.write(b);
            }
          }
          written += n;
          if (written >= PIPELINE_MIN) {
            // a large download: hashing and writing go on two threads, and the disk starts
            // writing while the rest arrives if the object is to be made durable
            pipelined = PipelinedCopy.copy(in::read, out, tee, md, fsync ? FLUSH_AHEAD : 0);
            break;
          }
        }
        if (sync) {
          out.force(true);
        }
      }
      String got = pipelined != null ? pipelined : Hashing.hex(md.digest());
      if (!got.equals(h.bare())) {
        boolean legacyOk = h.isLegacy() && !h.isDir()
            && Hashing.dos2unixMd5(tmp, Hashing.Dos2UnixRule.DVC2).equals(h.bare());
        if (!legacyOk) {
          throw new CorruptObjectException("Object " + h + " has wrong content (md5 " + got + "); not stored");
        }
      }
      ok = true;
      return tmp;
    } finally {
      if (!ok) {
        discard(tmp);
      }
    }
  }

  /** The temp file open again for direct I/O ({@code O_DIRECT}), or null where the filesystem refuses it. */
  private static FileChannel openDirect(Path tmp) {
    try {
      return FileChannel.open(tmp, StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      return null; // tmpfs and others refuse O_DIRECT: the page cache it is
    }
  }

  /**
   * The alignment direct I/O on {@code p}'s filesystem needs (its block size, at least 4 KiB), or 0
   * for no direct I/O: turned off, or blocks larger than the 64 KiB the download buffers are aligned to.
   */
  private static int directBlock(Path p) throws IOException {
    if (!DIRECT_IO) {
      return 0;
    }
    long b = 4096;
    try {
      b = Math.max(b, Files.getFileStore(p).getBlockSize());
    } catch (UnsupportedOperationException e) {
      // 4 KiB
    }
    return b > (1 << 16) || Long.bitCount(b) != 1 ? 0 : (int) b;
  }

  /** Whether downloads may write past the page cache (Linux; {@code CAIRN_DIRECT_IO=0} turns it off). */
  private static final boolean DIRECT_IO = System.getProperty("os.name", "").startsWith("Linux")
      && !"0".equals(System.getenv("CAIRN_DIRECT_IO"));

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
   * Makes a directory (and its parents) unless it is one already: a successful stat instead of the
   * failed mkdir (and its exception) that {@link Files#createDirectories} costs for an existing one,
   * which thousands of inserts into the same 256 directories would pay every time.
   */
  private static void ensureDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
  }

  private void publish(Path tmp, Path target) throws IOException {
    Files.setPosixFilePermissions(tmp, READ_ONLY);
    if (!target.getParent().equals(tmp.getParent())) {
      ensureDir(target.getParent());
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    InFlight.done(tmp);
    Path dir = target.getParent();
    if (md5Root.equals(dir.getParent())) {
      Set<String> names = listed.get(dir.getFileName().toString());
      if (names != null) {
        names.add(target.getFileName().toString());
      }
    }
  }

  static void protect(Path p) throws IOException {
    Files.setPosixFilePermissions(p, READ_ONLY);
  }

  static Path tempIn(Path dir) {
    return InFlight.track(dir.resolve("." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
        + ".tmp"));
  }

  /** Deletes a temp file of this class that will not be renamed into place (a missing one is fine). */
  public static void discard(Path temp) throws IOException {
    Files.deleteIfExists(temp);
    InFlight.done(temp);
  }

  /**
   * The temp files this process is writing (cache objects, workspace copies). Ended by a signal
   * (Ctrl-C, SIGTERM), the JVM runs its shutdown hooks but not the cleanup in {@code finally}
   * blocks: a hook deletes these, so an interrupted pull of a large file leaves no half-written
   * gigabyte in the cache until {@code gc} would. A SIGKILL still leaves them, for {@code gc},
   * {@code fsck} and the next checkout.
   */
  static final class InFlight {
    private static final Set<Path> PATHS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(InFlight::deleteAll, "cairn-temp-cleanup"));
    }

    private InFlight() {}

    static Path track(Path p) {
      PATHS.add(p);
      return p;
    }

    static void done(Path p) {
      PATHS.remove(p);
    }

    static int count() {
      return PATHS.size();
    }

    private static void deleteAll() {
      for (Path p : PATHS) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
          // what is left is found by gc and fsck
        }
      }
    }
  }

  private static final java.util.regex.Pattern WORKSPACE_TEMP = java.util.regex.Pattern.compile("\\.cairn-[0-9a-f]{1,16}\\.tmp");

  /** A temp file in the workspace, named so that a later checkout knows a killed one left it. */
  static Path workspaceTempIn(Path dir) {
    return InFlight.track(dir.resolve(".cairn-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
        + ".tmp"));
  }

  /** Whether a file name is that of a workspace temp file {@link #link} writes before its rename. */
  public static boolean isWorkspaceTemp(String fileName) {
    return WORKSPACE_TEMP.matcher(fileName).matches();
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

  /**
   * The names of the DVC 3 objects present under one two-hex prefix, listed once per instance
   * (a directory listing instead of one stat per object when thousands are checked).
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Set<String>> listed = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Whether an object file exists, answered from a listing of its prefix directory made at most
   * once per instance. For bulk existence checks (a directory's entries); objects added through
   * this instance afterwards are seen too.
   */
  public boolean existsListed(HashInfo h) throws IOException {
    if (h.isLegacy()) {
      return exists(h);
    }
    return listing(h.value().substring(0, 2)).contains(h.value().substring(2)) || exists(h);
  }

  /**
   * {@link #check} for bulk use: an object absent from its prefix directory's listing (made once per
   * instance, kept current with this instance's own inserts) is missing without a stat of its own.
   */
  public boolean checkListed(HashInfo h) throws IOException {
    if (!h.isLegacy() && !listing(h.value().substring(0, 2)).contains(h.value().substring(2))) {
      return false;
    }
    return check(h);
  }

  private Set<String> listing(String prefix) throws IOException {
    Set<String> names = listed.get(prefix);
    if (names == null) {
      Set<String> found = java.util.concurrent.ConcurrentHashMap.newKeySet();
      Path d = md5Root.resolve(prefix);
      if (Files.isDirectory(d)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
          for (Path f : ds) {
            found.add(f.getFileName().toString());
          }
        }
      }
      listed.putIfAbsent(prefix, found);
      names = listed.get(prefix);
    }
    return names;
  }

  /** Deletes an object (gc). */
  public void delete(HashInfo h) throws IOException {
    Files.deleteIfExists(path(h));
  }

  /**
   * Places an object at {@code dest}, trying the link types in order; returns the type used. The
   * destination is replaced atomically (temp file in its directory, then rename).
   */
  public LinkType link(HashInfo h, Path dest, List<LinkType> types, boolean executable) throws IOException {
    return place(h, dest, types, executable, false, false).type();
  }

  /**
   * What {@link #place} did: the link type used; the attributes of the file as placed, read from
   * the hidden temp file before its rename (so no other writer can have touched it), or null when
   * not asked for; and whether the object was trusted (mode 0444) when it was read.
   */
  public record Placed(LinkType type, BasicFileAttributes attrs, boolean trusted) {}

  /**
   * {@link #link} for bulk checkouts: {@code parentExists} skips creating the parent directory
   * (the caller made it), {@code wantAttrs} returns the placed file's attributes (for the state
   * cache). Per file this costs a stat of the object, the temp file's creation and write (created
   * with its final mode: no chmod once the umask is known to keep that mode), the rename, and the
   * stat asked for; no further existence checks.
   */
  public Placed place(HashInfo h, Path dest, List<LinkType> types, boolean executable, boolean parentExists,
      boolean wantAttrs) throws IOException {
    Path src = path(h);
    PosixFileAttributes sa;
    try {
      sa = Files.readAttributes(src, PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      sa = null;
    } catch (UnsupportedOperationException e) {
      sa = null;
      if (Files.isRegularFile(src)) {
        return placeAs(src, Files.size(src), false, dest, types, executable, parentExists, wantAttrs);
      }
    }
    if (sa == null || !sa.isRegularFile()) {
      throw new MissingObjectException(h, "Object " + h + " is not in the cache");
    }
    return placeAs(src, sa.size(), sa.permissions().equals(READ_ONLY), dest, types, executable, parentExists, wantAttrs);
  }

  private Placed placeAs(Path src, long size, boolean trusted, Path dest, List<LinkType> types, boolean executable,
      boolean parentExists, boolean wantAttrs) throws IOException {
    if (!parentExists) {
      Files.createDirectories(dest.getParent());
    }
    Path tmp = workspaceTempIn(dest.getParent());
    IOException last = null;
    for (LinkType t : types) {
      try {
        switch (t) {
          case REFLINK -> {
            continue; // not reachable from the JDK without native code: fall through as DVC does
          }
          case HARDLINK -> {
            if (size == 0) {
              Files.createFile(tmp); // DVC: fresh empty file instead of a link
            } else {
              Files.createLink(tmp, src);
            }
          }
          case SYMLINK -> {
            Files.createSymbolicLink(tmp, src);
          }
          case COPY -> {
            Set<PosixFilePermission> perms = executable ? WORKSPACE_EXEC : WORKSPACE_FILE;
            copyNew(src, size, tmp, perms);
            ensureMode(tmp, perms);
          }
        }
        BasicFileAttributes attrs = wantAttrs ? Files.readAttributes(tmp, BasicFileAttributes.class) : null;
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        InFlight.done(tmp);
        return new Placed(t, attrs, trusted);
      } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
        discard(tmp);
        last = new IOException(e.toString(), e);
      } catch (IOException e) {
        discard(tmp);
        last = e;
      }
    }
    throw new IOException("Could not link " + dest + " from the cache with any of " + types, last);
  }

  /** Gives a file just created with {@code perms} exactly that mode, unless the umask is known to keep it. */
  private static void ensureMode(Path file, Set<PosixFilePermission> perms) throws IOException {
    Boolean kept = UMASK_KEEPS.get(perms);
    if (kept == null) {
      kept = Files.getPosixFilePermissions(file).equals(perms);
      UMASK_KEEPS.put(perms, kept);
    }
    if (!kept) {
      Files.setPosixFilePermissions(file, perms);
    }
  }

  /** A workspace copy of an object written during its download (a hidden temp file beside its destination). */
  public record PreparedCopy(HashInfo hash, Path temp) {}

  /**
   * Places a prepared copy at {@code dest} as {@link #place} would have copied the object (non-executable,
   * mode 0644 less the umask): the attributes are read from the temp file before its rename.
   */
  public Placed adopt(PreparedCopy prepared, Path dest, boolean wantAttrs) throws IOException {
    Path tmp = prepared.temp();
    try {
      ensureMode(tmp, WORKSPACE_FILE);
      BasicFileAttributes attrs = wantAttrs ? Files.readAttributes(tmp, BasicFileAttributes.class) : null;
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      InFlight.done(tmp);
      return new Placed(LinkType.COPY, attrs, true);
    } catch (IOException | RuntimeException e) {
      discard(tmp);
      throw e;
    }
  }

  /** The modes of copied workspace files: 0644, or 0755 for executables. */
  private static final Set<PosixFilePermission> WORKSPACE_FILE = Set.copyOf(EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
  private static final Set<PosixFilePermission> WORKSPACE_EXEC;

  static {
    EnumSet<PosixFilePermission> x = EnumSet.copyOf(WORKSPACE_FILE);
    x.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_EXECUTE));
    WORKSPACE_EXEC = Set.copyOf(x);
  }

  /**
   * Whether a file created with a mode gets exactly that mode, i.e. the process umask keeps it
   * (the umask is per process and the JDK never changes it): learnt from the first file created
   * with each mode; where it does not, every file is chmod'ed as before.
   */
  private static final java.util.concurrent.ConcurrentHashMap<Set<PosixFilePermission>, Boolean> UMASK_KEEPS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Copies {@code in}'s bytes {@code from..to} by the kernel; returns where it stopped (to, unless the file is shorter). */
  private static long transfer(FileChannel in, long from, long to, FileChannel out) throws IOException {
    long pos = from;
    while (pos < to) {
      long k = in.transferTo(pos, to - pos, out);
      if (k <= 0) {
        break;
      }
      pos += k;
    }
    return pos;
  }

  /** Objects at least this large are copied into the workspace in two halves at once. */
  static final long PARALLEL_COPY_MIN = 64L << 20;

  /** Files up to this size are copied through a heap buffer; larger ones by the kernel (transferTo). */
  private static final long SMALL_COPY = 1 << 20;

  /** Copies {@code src} ({@code size} bytes) to a new file {@code dst} created with {@code perms} (less the umask). */
  private static void copyNew(Path src, long size, Path dst, Set<PosixFilePermission> perms) throws IOException {
    try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
         FileChannel out = FileChannel.open(dst, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
             PosixFilePermissions.asFileAttribute(perms))) {
      if (size <= SMALL_COPY) {
        // an object is immutable (named by its hash, read-only): stop at the size just stat'ed
        // instead of paying a read that returns end-of-file
        byte[] arr = HEAP.get();
        ByteBuffer buf = ByteBuffer.wrap(arr);
        long copied = 0;
        while (copied < size || size == 0) {
          buf.clear();
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          copied += n;
          buf.flip();
          while (buf.hasRemaining()) {
            out.write(buf);
          }
        }
      } else {
        long n = in.size();
        long pos;
        if (n >= PARALLEL_COPY_MIN && Runtime.getRuntime().availableProcessors() > 1) {
          // two kernel copies at once, each half through its own descriptor (its own file position)
          long half = (n / 2) & ~((1L << 20) - 1);
          java.util.concurrent.Future<Long> second = PipelinedCopy.submit(() -> {
            try (FileChannel in2 = FileChannel.open(src, StandardOpenOption.READ);
                 FileChannel out2 = FileChannel.open(dst, StandardOpenOption.WRITE)) {
              out2.position(half);
              return transfer(in2, half, n, out2);
            }
          });
          long first = transfer(in, 0, half, out);
          long upTo = PipelinedCopy.await(second);
          pos = first == half ? upTo : first;
          out.position(pos);
        } else {
          pos = transfer(in, 0, n, out);
        }
        // whatever the size said, copy to the end (the object is read-only; this is a guard)
        ByteBuffer buf = ByteBuffer.wrap(HEAP.get());
        in.position(pos);
        while (in.read(buf) > 0) {
          buf.flip();
          while (buf.hasRemaining()) {
            out.write(buf);
          }
          buf.clear();
        }
      }
    }
  }
}
