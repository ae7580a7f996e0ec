package dev.cairn.registry;

import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.format.CodePointOrder;
import dev.cairn.format.PyJson;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Redact;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.SupportsInfo;
import dev.cairn.storage.SupportsListing;
import dev.cairn.transfer.Retrier;
import dev.cairn.transfer.TransferResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Data at a URL, for {@code import-url}, {@code get-url} and {@code ls-url}: a local path ({@code
 * file://} too), any remote URL a storage backend opens ({@code s3://}, {@code azure://}, {@code
 * https://}, {@code ssh://}), or {@code remote://<name>/<path>} inside one of the repository's
 * remotes. A remote URL takes the keys (endpoint, credentials) of the repository remote whose URL
 * is its longest prefix, so credentials stay in {@code config.local} as for any remote.
 *
 * <p>The checksum recorded for it follows DVC: an S3 object's ETag without quotes, an Azure blob's
 * ETag with them, an HTTP server's ETag (or {@code Content-MD5}) as {@code checksum}, and the MD5 of
 * the content for local files and SSH; a directory's is the {@code .dir} hash of those.
 */
public final class UrlSource implements AutoCloseable {
  /** What the URL names. */
  public enum Kind { FILE, DIRECTORY }

  private final String url;
  private final Path local;
  private final String scheme;
  private final Storage parent;
  private final String name;
  private final Storage dir;
  private final Kind kind;
  private final List<String> files;
  private final Map<String, SupportsInfo.ObjectInfo> infos = new TreeMap<>(CodePointOrder.INSTANCE);

  private UrlSource(String url, Path local, String scheme, Storage parent, String name, Storage dir, Kind kind,
      List<String> files) {
    this.url = url;
    this.local = local;
    this.scheme = scheme;
    this.parent = parent;
    this.name = name;
    this.dir = dir;
    this.kind = kind;
    this.files = files;
  }

  /**
   * Opens {@code url} and finds out what it is.
   *
   * @param base the directory a relative local path is resolved against
   * @param config the repository's configuration (for {@code remote://} and credentials), or null
   * @throws CairnException INVALID_INPUT for an unknown remote or scheme, FAILED when the URL names
   *     nothing or cannot be reached
   */
  public static UrlSource open(String url, Path base, DvcConfig config, UnaryOperator<Storage> decorator)
      throws CairnException {
    String u = url;
    Map<String, String> props = Map.of();
    if (u.startsWith("remote://")) {
      String rest = u.substring("remote://".length());
      int slash = rest.indexOf('/');
      String remote = slash < 0 ? rest : rest.substring(0, slash);
      Map<String, String> r = config == null ? null : config.remote(remote);
      if (r == null || r.get("url") == null) {
        throw CairnException.invalidInput("Remote '" + remote + "' of '" + url + "' does not exist; see 'cairn remote"
            + " list'");
      }
      props = r;
      String root = r.get("url").replaceAll("/+$", "");
      u = slash < 0 ? root : root + "/" + rest.substring(slash + 1);
    } else if (config != null && u.contains("://")) {
      props = longestPrefixRemote(u, config);
    }
    String scheme = Storages.schemeOf(u);
    if (scheme == null || scheme.equals("file")) {
      Path p = scheme == null ? base.resolve(u).toAbsolutePath().normalize() : Path.of(URI.create(u));
      if (Files.isRegularFile(p)) {
        return new UrlSource(url, p, null, null, null, null, Kind.FILE, List.of());
      }
      if (Files.isDirectory(p)) {
        return new UrlSource(url, p, null, null, null, null, Kind.DIRECTORY, localFiles(p));
      }
      throw CairnException.failed("URL '" + url + "' does not exist (no file or directory " + p + ")");
    }
    String trimmed = u.replaceAll("/+$", "");
    int cut = trimmed.lastIndexOf('/');
    if (cut <= trimmed.indexOf("://") + 2) {
      throw CairnException.invalidInput("URL '" + Redact.url(url) + "' names no file or directory inside its"
          + " bucket or host");
    }
    Storage parentStore = null;
    Storage dirStore = null;
    try {
      parentStore = decorator.apply(Storages.open(trimmed.substring(0, cut), props));
      String key = trimmed.substring(cut + 1);
      if (parentStore.size(key) >= 0) {
        return new UrlSource(url, null, scheme, parentStore, key, null, Kind.FILE, List.of());
      }
      dirStore = decorator.apply(Storages.open(trimmed, props));
      List<String> keys = new ArrayList<>();
      if (dirStore instanceof SupportsListing l) {
        l.list("", k -> {
          if (!k.endsWith("/")) {
            keys.add(k);
          }
        });
      }
      if (keys.isEmpty()) {
        throw CairnException.failed("URL '" + Redact.url(url) + "' does not exist"
            + (dirStore instanceof SupportsListing ? "" : " (and " + scheme + ":// cannot list directories)"));
      }
      keys.sort(CodePointOrder.INSTANCE);
      parentStore.close();
      return new UrlSource(url, null, scheme, null, null, dirStore, Kind.DIRECTORY, keys);
    } catch (CairnException e) {
      closeQuietly(parentStore);
      closeQuietly(dirStore);
      throw e;
    } catch (StorageException e) {
      closeQuietly(parentStore);
      closeQuietly(dirStore);
      throw CairnException.failed("Cannot read '" + Redact.url(url) + "': " + e.getMessage(), e);
    } catch (IOException e) {
      closeQuietly(parentStore);
      closeQuietly(dirStore);
      throw CairnException.failed("Cannot read '" + Redact.url(url) + "': "
          + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      closeQuietly(parentStore);
      closeQuietly(dirStore);
      throw CairnException.invalidInput("Malformed URL '" + Redact.url(url) + "'");
    }
  }

  /** The keys of the repository remote whose URL is the longest prefix of {@code u}, or none. */
  private static Map<String, String> longestPrefixRemote(String u, DvcConfig config) {
    Map<String, String> best = Map.of();
    int bestLen = -1;
    for (String n : config.remoteNames()) {
      Map<String, String> r = config.remote(n);
      String ru = r == null ? null : r.get("url");
      if (ru == null) {
        continue;
      }
      String prefix = ru.replaceAll("/+$", "");
      if ((u.equals(prefix) || u.startsWith(prefix + "/")) && prefix.length() > bestLen) {
        best = r;
        bestLen = prefix.length();
      }
    }
    return best;
  }

  private static List<String> localFiles(Path dir) throws CairnException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(dir.relativize(p).toString().replace('\\', '/'));
        }
      }
    } catch (IOException e) {
      throw CairnException.failed("Cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(CodePointOrder.INSTANCE);
    return out;
  }

  private static void closeQuietly(Storage s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // nothing to report
      }
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The files of a directory, relative to it and sorted; empty for a file. */
  public List<String> files() {
    return files;
  }

  /** The URL as given. */
  public String url() {
    return url;
  }

  /** The hash name DVC records for the dep: {@code md5}, {@code etag} or {@code checksum}. */
  String hashName() {
    if (local != null || "ssh".equals(scheme)) {
      return "md5";
    }
    if ("http".equals(scheme) || "https".equals(scheme)) {
      return "checksum";
    }
    return "etag";
  }

  /** The size of a file of the URL ({@code ""} for the URL itself when it is a file), or -1 when unknown. */
  public long size(String rel) throws IOException {
    if (local != null) {
      return Files.size(rel.isEmpty() ? local : local.resolve(rel));
    }
    SupportsInfo.ObjectInfo i = info(rel);
    return i == null ? -1 : i.size();
  }

  private SupportsInfo.ObjectInfo info(String rel) throws IOException {
    SupportsInfo.ObjectInfo cached = infos.get(rel);
    if (cached != null) {
      return cached;
    }
    Storage s = rel.isEmpty() ? parent : dir;
    String key = rel.isEmpty() ? name : rel;
    SupportsInfo.ObjectInfo i = s instanceof SupportsInfo si ? si.info(key)
        : new SupportsInfo.ObjectInfo(s.size(key), null, null);
    if (i == null) {
      throw new ObjectNotFoundException("'" + Redact.url(url) + (rel.isEmpty() ? "" : "/" + rel)
          + "' disappeared while it was read");
    }
    infos.put(rel, i);
    return i;
  }

  /** DVC's checksum of one file from what the server reports, or null when it reports none. */
  private String serverChecksum(String rel) throws IOException {
    if ("md5".equals(hashName())) {
      return null;
    }
    SupportsInfo.ObjectInfo i = info(rel);
    if ("checksum".equals(hashName())) {
      return i.etag() != null ? i.etag() : i.contentMd5();
    }
    if (i.etag() == null) {
      return null;
    }
    if ("azure".equals(scheme)) {
      return i.etag().startsWith("\"") ? i.etag() : "\"" + i.etag() + "\"";
    }
    return i.etag().replace("\"", "");
  }

  /**
   * The dep of an import of this URL as DVC dumps it, in its key order: the checksum ({@code md5},
   * {@code etag} or {@code checksum}), {@code size}, {@code nfiles} for a directory, {@code hash:
   * md5}, {@code path}. For sources checksummed by content, {@code contentMd5} gives the hash (the
   * download computed it), or null to read the data for it.
   *
   * @param path the {@code path} to record (the URL as given, or relative to the {@code .dvc} file)
   */
  public Map<String, Object> dep(String path, Materialized content) throws IOException, CairnException {
    Map<String, Object> d = new LinkedHashMap<>();
    String h = hashName();
    if (h.equals("md5")) {
      Materialized m = content != null ? content : hashOnly();
      d.put("md5", m.hash().value());
      d.put("size", m.size());
      if (m.isDir()) {
        d.put("nfiles", m.nfiles());
      }
    } else if (kind == Kind.FILE) {
      String c = serverChecksum("");
      if (c == null) {
        throw CairnException.failed("'" + Redact.url(url) + "' has no " + h + " to record; download it with get-url and"
            + " 'add' it instead");
      }
      d.put(h, c);
      d.put("size", info("").size());
    } else {
      Map<String, String> checksums = new LinkedHashMap<>();
      long size = 0;
      for (String f : files) {
        String c = serverChecksum(f);
        if (c == null) {
          throw CairnException.failed("'" + Redact.url(url) + "/" + f + "' has no " + h + " to record");
        }
        checksums.put(f, c);
        size += info(f).size();
      }
      d.put(h, treeHash(h, checksums));
      d.put("size", size);
      d.put("nfiles", files.size());
    }
    d.put("hash", "md5");
    d.put("path", path);
    return d;
  }

  /**
   * The {@code .dir} hash of a directory whose files are checksummed by {@code hashName} (DVC's tree
   * of a cloud directory: {@code [{"<hashName>": …, "relpath": …}]} sorted by path, as Python JSON).
   *
   * @param checksums relpath → checksum
   */
  static String treeHash(String hashName, Map<String, String> checksums) {
    List<Map<String, Object>> entries = new ArrayList<>();
    List<String> paths = new ArrayList<>(checksums.keySet());
    paths.sort(CodePointOrder.INSTANCE);
    for (String p : paths) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put(hashName, checksums.get(p));
      e.put("relpath", p);
      entries.add(e);
    }
    return Hashing.md5Hex(PyJson.dumpsBytes(entries)) + ".dir";
  }

  /** The hash of the content without keeping it (for {@code --no-download} of a local or SSH source). */
  private Materialized hashOnly() throws IOException, CairnException {
    Path tmp = Files.createTempDirectory("cairn-hash-");
    try {
      return fetch(new ObjectDb(tmp, false), RetryPolicy.transfers());
    } finally {
      deleteTree(tmp);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.list(p)) {
        for (Path c : (Iterable<Path>) s::iterator) {
          deleteTree(c);
        }
      }
    }
    Files.deleteIfExists(p);
  }

  /**
   * Downloads the data into {@code into}, hashing it on the way (MD5, DVC 3), each file verified
   * as it enters the cache; a directory gets its {@code .dir}.
   */
  public Materialized fetch(ObjectDb into, RetryPolicy retry) throws IOException, CairnException {
    if (kind == Kind.FILE) {
      Stored s = store("", into, retry);
      boolean exec = local != null && Files.isExecutable(local);
      return new Materialized(s.hash, s.size, -1, exec, new TransferResult(local == null ? 1 : 0, 0, s.size,
          List.of()));
    }
    List<Manifest.Entry> entries = new ArrayList<>();
    long size = 0;
    for (String f : files) {
      Stored s = store(f, into, retry);
      entries.add(new Manifest.Entry(f, s.hash.value()));
      size += s.size;
    }
    Manifest m = new Manifest(entries);
    HashInfo h = HashInfo.md5(m.oid());
    if (!into.check(h)) {
      into.insertBytes(h, m.toBytes());
    }
    return new Materialized(h, size, entries.size(), false,
        new TransferResult(local == null ? files.size() : 0, 0, size, List.of()));
  }

  private record Stored(HashInfo hash, long size) {}

  private Stored store(String rel, ObjectDb into, RetryPolicy retry) throws IOException {
    if (local != null) {
      Path p = rel.isEmpty() ? local : local.resolve(rel);
      String md5 = Hashing.md5File(p);
      HashInfo h = HashInfo.md5(md5);
      if (!into.check(h)) {
        into.insertCopy(p, md5);
      }
      return new Stored(h, Files.size(p));
    }
    Storage s = rel.isEmpty() ? parent : dir;
    String key = rel.isEmpty() ? name : rel;
    Files.createDirectories(into.cacheDir());
    Path tmp = Files.createTempFile(into.cacheDir(), ".cairn-url-", ".tmp");
    try {
      return new Retrier(retry).call(() -> {
        MessageDigest md = Hashing.md5();
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = s.open(key); OutputStream out = Files.newOutputStream(tmp)) {
          for (int r; (r = in.read(buf)) > 0; ) {
            md.update(buf, 0, r);
            out.write(buf, 0, r);
            n += r;
          }
        }
        String md5 = Hashing.hex(md.digest());
        HashInfo h = HashInfo.md5(md5);
        if (!into.check(h)) {
          into.insertHardlink(tmp, md5);
        }
        return new Stored(h, n);
      });
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The entries of a {@code ls-url} listing: the URL itself when it is a file; its files (and first
   * level directories unless {@code recursive}) when it is a directory.
   */
  public List<Entry> list(boolean recursive) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (kind == Kind.FILE) {
      out.add(new Entry(local != null ? local.getFileName().toString() : name, false, size("")));
      return out;
    }
    Map<String, Entry> m = new TreeMap<>(CodePointOrder.INSTANCE);
    for (String f : files) {
      int slash = f.indexOf('/');
      if (recursive || slash < 0) {
        m.put(f, new Entry(f, false, null));
      } else {
        m.putIfAbsent(f.substring(0, slash), new Entry(f.substring(0, slash), true, null));
      }
    }
    if (local != null && !recursive) {
      try (Stream<Path> s = Files.list(local)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            String n = p.getFileName().toString();
            m.putIfAbsent(n, new Entry(n, true, null));
          }
        }
      }
    }
    return new ArrayList<>(m.values());
  }

  /** Sizes of the entries of a listing, read from the source (for {@code --size}). */
  public List<Entry> withSizes(List<Entry> entries) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(e.isDir() || e.size() != null ? e : new Entry(e.path(), false,
          kind == Kind.FILE ? size("") : size(e.path())));
    }
    return out;
  }

  /**
   * One entry of {@code ls-url}.
   *
   * @param path relative to the URL (the name of a file URL)
   * @param isDir whether it is a directory
   * @param size bytes, or null when not read
   */
  public record Entry(String path, boolean isDir, Long size) {}

  /** The scheme of the URL, lower-case, or null for a local path. */
  public String scheme() {
    return local == null ? scheme.toLowerCase(Locale.ROOT) : null;
  }

  @Override
  public void close() {
    closeQuietly(parent);
    closeQuietly(dir);
  }
}
