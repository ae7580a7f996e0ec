package dev.cairn.odb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.format.CodePointOrder;
import dev.cairn.format.PyJson;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A directory's {@code .dir} manifest: the sorted list of {@code {"md5", "relpath"}} entries whose
 * exact Python-JSON bytes are hashed into the directory hash (dvc-format.md §1.4).
 */
public record Manifest(List<Entry> entries) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One file of the directory. {@code relpath} uses {@code /} and is checked to stay inside. */
  public record Entry(String relpath, String md5) {
    public Entry {
      checkRelpath(relpath);
    }
  }

  public Manifest {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::relpath, CodePointOrder.INSTANCE));
    entries = List.copyOf(sorted);
  }

  /** The exact bytes DVC writes: {@code json.dumps(entries, sort_keys=True)}. */
  public byte[] toBytes() {
    StringBuilder sb = new StringBuilder(entries.size() * 80 + 2);
    sb.append('[');
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Entry e = entries.get(i);
      sb.append("{\"md5\": ");
      PyJson.quote(sb, e.md5());
      sb.append(", \"relpath\": ");
      PyJson.quote(sb, e.relpath());
      sb.append('}');
    }
    sb.append(']');
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The directory hash: {@code md5(manifest bytes) + ".dir"}. */
  public String oid() {
    return Hashing.md5Hex(toBytes()) + ".dir";
  }

  /**
   * Most entries a manifest may have (10 million; a directory of ImageNet's 1.28 million files is far
   * below). Without a cap a hostile {@code .dir} of a few hundred MB holds millions of entries that
   * are all kept in memory. A larger genuine directory can raise it with the system property
   * {@code cairn.manifest.maxEntries} (e.g. through {@code JAVA_TOOL_OPTIONS}).
   */
  public static final int MAX_ENTRIES = 10_000_000;

  /**
   * Most characters all relpaths of a manifest may hold together (2^30): with {@link #MAX_ENTRIES}
   * this bounds what a parsed manifest keeps in memory (about 2.5 GB at worst, 160 MB for a million
   * entries with ordinary paths), whatever the entries look like.
   */
  public static final long MAX_RELPATH_CHARS = 1L << 30;

  static int maxEntries() {
    return Integer.getInteger("cairn.manifest.maxEntries", MAX_ENTRIES);
  }

  /** {@link #MAX_RELPATH_CHARS}, or the system property {@code cairn.manifest.maxRelpathChars}. */
  static long maxRelpathChars() {
    return Long.getLong("cairn.manifest.maxRelpathChars", MAX_RELPATH_CHARS);
  }

  /**
   * Parses manifest bytes (any JSON list of objects with {@code relpath} and {@code md5}).
   *
   * @throws CorruptObjectException when the bytes are not such a list, an entry's relpath is
   *     absolute or escapes the directory, or the list is over {@link #MAX_ENTRIES} or {@link
   *     #MAX_RELPATH_CHARS}
   */
  public static Manifest parse(byte[] bytes, String oid) throws CorruptObjectException {
    try {
      return parse(new java.io.ByteArrayInputStream(bytes), oid);
    } catch (CorruptObjectException e) {
      throw e;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // no I/O on a byte array
    }
  }

  /**
   * Parses a manifest from a stream, one entry at a time (the list is never held as a JSON tree, so
   * memory grows with the entries kept, and stops at the caps). Reads up to the end of the list.
   *
   * @throws CorruptObjectException as {@link #parse(byte[], String)}
   * @throws IOException when reading the stream fails
   */
  public static Manifest parse(InputStream in, String oid) throws IOException {
    int max = maxEntries();
    long maxChars = maxRelpathChars();
    List<Entry> out = new ArrayList<>();
    long chars = 0;
    try (JsonParser p = JSON.getFactory().createParser(in)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_ARRAY) {
        throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not a list");
      }
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON");
        }
        JsonNode n = p.readValueAsTree();
        JsonNode rp = n == null ? null : n.get("relpath");
        JsonNode md5 = n == null ? null : n.get("md5");
        if (rp == null || !rp.isTextual() || md5 == null || !md5.isTextual() || !HashInfo.isValid(md5.asText())) {
          throw new CorruptObjectException("Corrupted directory manifest " + oid + ": bad entry " + n);
        }
        if (out.size() >= max) {
          throw new CorruptObjectException("Refusing directory manifest " + oid + ": more than " + max
              + " entries (the limit against hostile manifests; for a genuine directory that large, raise it with"
              + " -Dcairn.manifest.maxEntries=N in JAVA_TOOL_OPTIONS)");
        }
        chars += rp.asText().length();
        if (chars > maxChars) {
          throw new CorruptObjectException("Refusing directory manifest " + oid + ": its relpaths hold more than "
              + maxChars + " characters (the limit against hostile manifests)");
        }
        try {
          out.add(new Entry(rp.asText(), md5.asText().toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new CorruptObjectException("Refusing directory manifest " + oid + ": " + e.getMessage());
        }
      }
    } catch (StreamConstraintsException e) {
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON within limits ("
          + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
    } catch (JsonProcessingException e) {
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON");
    } catch (java.io.CharConversionException e) {
      // the parser guessed UTF-16/32 from the first bytes, and the rest does not decode: not a manifest
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON text");
    }
    return new Manifest(out);
  }

  /**
   * Reads a manifest object from {@code in} and checks its bytes against {@code md5}, without holding
   * the bytes: they are hashed as the parser reads them, and the rest after the list is hashed too.
   * When the hash does not match, {@code corrupt} is thrown, whatever the parser said.
   *
   * @throws CorruptObjectException {@code corrupt} for bytes that do not match {@code md5}; else as
   *     {@link #parse(InputStream, String)}
   */
  public static Manifest readVerified(InputStream in, String md5, String oid, CorruptObjectException corrupt)
      throws IOException {
    java.security.DigestInputStream din = new java.security.DigestInputStream(in, Hashing.md5());
    Manifest m = null;
    CorruptObjectException refused = null;
    try {
      m = parse(new java.io.FilterInputStream(din) {
        @Override
        public void close() {
          // the parser must not close the stream before the rest is hashed
        }
      }, oid);
    } catch (CorruptObjectException e) {
      refused = e;
    }
    din.transferTo(OutputStream.nullOutputStream());
    if (!Hashing.hex(din.getMessageDigest().digest()).equals(md5)) {
      throw corrupt;
    }
    if (refused != null) {
      throw refused;
    }
    return m;
  }

  /**
   * Checks that a relpath stays inside its directory: relative, no {@code .}/{@code ..} or empty
   * segments, no NUL.
   */
  static void checkRelpath(String relpath) {
    if (relpath == null || relpath.isEmpty() || relpath.startsWith("/") || relpath.indexOf('\0') >= 0
        || (relpath.length() > 1 && relpath.charAt(1) == ':')) {
      throw new IllegalArgumentException("unsafe relpath '" + relpath + "' (absolute or empty)");
    }
    for (String seg : relpath.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        throw new IllegalArgumentException("unsafe relpath '" + relpath + "' (escapes the directory)");
      }
    }
  }

  /** Total size is not recorded in the manifest; this is just the file count. */
  public int nfiles() {
    return entries.size();
  }
}
