package dev.cairn.odb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.lib.CodePointOrder;
import dev.cairn.lib.Hashing;
import dev.cairn.lib.PyJson;
import java.io.IOException;
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
   * Parses manifest bytes (any JSON list of objects with {@code relpath} and {@code md5}).
   *
   * @throws CorruptObjectException when the bytes are not such a list, or an entry's relpath is
   *     absolute or escapes the directory
   */
  public static Manifest parse(byte[] bytes, String oid) throws CorruptObjectException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON within limits ("
          + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
    } catch (IOException e) {
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON");
    }
    if (root == null || !root.isArray()) {
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not a list");
    }
    List<Entry> out = new ArrayList<>(root.size());
    for (JsonNode n : root) {
      JsonNode rp = n.get("relpath");
      JsonNode md5 = n.get("md5");
      if (rp == null || !rp.isTextual() || md5 == null || !md5.isTextual() || !HashInfo.isValid(md5.asText())) {
        throw new CorruptObjectException("Corrupted directory manifest " + oid + ": bad entry " + n);
      }
      try {
        out.add(new Entry(rp.asText(), md5.asText().toLowerCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new CorruptObjectException("Refusing directory manifest " + oid + ": " + e.getMessage());
      }
    }
    return new Manifest(out);
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
