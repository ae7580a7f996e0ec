package dev.cairn.pipeline;

import dev.cairn.format.PyJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DVC's dict digests: MD5/SHA-256 of Python {@code json.dumps(d, sort_keys=True)} with excluded keys
 * removed at any depth, and the stage md5 of {@code .dvc} files (reference §1.5).
 */
public final class Digests {
  /** Keys removed at any depth before computing a stage md5. */
  public static final Set<String> STAGE_MD5_EXCLUDED = Set.of("desc", "type", "labels", "meta", "locked", "frozen",
      "metric", "persist", "isexec", "size", "nfiles");

  private Digests() {}

  /** MD5 of the filtered dict's JSON. */
  public static String dictMd5(Map<String, ?> d, Collection<String> exclude) {
    return hex("MD5", PyJson.dumps(filter(d, exclude)));
  }

  /** SHA-256 of the filtered dict's JSON. */
  public static String dictSha256(Map<String, ?> d, Collection<String> exclude) {
    return hex("SHA-256", PyJson.dumps(filter(d, exclude)));
  }

  /**
   * The stage md5 of a stage dump (the content of a {@code .dvc} file as a map): top-level {@code md5},
   * {@code meta}, {@code desc} dropped, {@code wdir} dropped when {@code "."}, then the keys of
   * {@link #STAGE_MD5_EXCLUDED} at any depth.
   */
  public static String stageMd5(Map<String, ?> dump) {
    Map<String, Object> d = new LinkedHashMap<>(dump);
    d.remove("md5");
    d.remove("meta");
    d.remove("desc");
    if (".".equals(d.get("wdir"))) {
      d.remove("wdir");
    }
    return dictMd5(d, STAGE_MD5_EXCLUDED);
  }

  /** A copy without the excluded keys, at any depth (inside nested maps and lists). */
  static Object filter(Object v, Collection<String> exclude) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (!exclude.contains(k)) {
          out.put(k, filter(e.getValue(), exclude));
        }
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(filter(o, exclude));
      }
      return out;
    }
    return v;
  }

  static String hex(String algorithm, String text) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from the JDK", e);
    }
  }
}
