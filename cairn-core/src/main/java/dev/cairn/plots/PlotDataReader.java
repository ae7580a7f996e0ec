package dev.cairn.plots;

import dev.cairn.format.StructuredFiles;
import dev.cairn.metrics.ReadError;
import dev.cairn.revision.RevisionFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads plot data files as DVC's {@code plots} {@code parse} does: {@code .json}, {@code .yaml},
 * {@code .yml}, {@code .toml} parsed; {@code .csv}/{@code .tsv} as Python's {@code csv.DictReader}
 * (every value a string; with {@code header=false} the columns are named {@code 0}, {@code 1},
 * ...). This also covers DVCLive's {@code plots/metrics/*.tsv} ({@code [timestamp\t]step\tname})
 * and {@code plots/sklearn/*.json} files. Failures come back as a {@link ReadError}.
 */
public final class PlotDataReader {
  private PlotDataReader() {}

  /** Parsed content, or why it could not be read. Exactly one is non-null. */
  public record Content(Object value, ReadError error) {}

  /** Reads and parses {@code path} of one revision. */
  public static Content read(RevisionFiles files, String path, boolean header) {
    String lower = path.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    String ext = dot < 0 || lower.lastIndexOf('/') > dot ? "" : lower.substring(dot);
    if (!List.of(".json", ".yaml", ".yml", ".toml", ".csv", ".tsv").contains(ext)) {
      return new Content(null, new ReadError("PlotMetricTypeError",
          "'" + path + "' - file type error\nOnly JSON, YAML, CSV and TSV formats, and images (PNG, JPEG, GIF,"
              + " SVG), are supported."));
    }
    Optional<byte[]> bytes;
    try {
      bytes = files.read(path);
    } catch (IOException | RuntimeException e) {
      return new Content(null, new ReadError("OSError", "unable to read: '" + path + "', " + e.getMessage()));
    }
    if (bytes.isEmpty()) {
      return new Content(null, ReadError.notFound(path));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.get())).toString();
    } catch (CharacterCodingException e) {
      return new Content(null, new ReadError("EncodingError", "unable to read: '" + path + "', is not valid utf8"));
    }
    if (ext.equals(".csv") || ext.equals(".tsv")) {
      return new Content(parseDelimited(text, ext.equals(".tsv") ? '\t' : ',', header), null);
    }
    String kind = ext.equals(".json") ? "JSON" : ext.equals(".toml") ? "TOML" : "YAML";
    try {
      Object v = StructuredFiles.parse(text, path, path);
      return new Content(v == null ? new LinkedHashMap<String, Object>() : v, null);
    } catch (StructuredFiles.ParseException | RuntimeException e) {
      return new Content(null, new ReadError(kind + "FileCorruptedError",
          "unable to read: '" + path + "', " + kind + " file structure is corrupted"));
    }
  }

  /**
   * Python {@code csv.DictReader} over {@code text}: rows of column → string; a short row leaves
   * its missing columns out, blank lines are skipped.
   */
  public static List<Map<String, Object>> parseDelimited(String text, char delimiter, boolean header) {
    List<List<String>> rows = splitRows(text, delimiter);
    List<Map<String, Object>> out = new ArrayList<>();
    if (rows.isEmpty()) {
      return out;
    }
    List<String> names = new ArrayList<>();
    int start = 0;
    if (header) {
      names.addAll(rows.get(0));
      start = 1;
    } else {
      for (int i = 0; i < rows.get(0).size(); i++) {
        names.add(Integer.toString(i));
      }
    }
    for (int r = start; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      Map<String, Object> m = new LinkedHashMap<>();
      for (int c = 0; c < names.size() && c < row.size(); c++) {
        m.put(names.get(c), row.get(c));
      }
      out.add(m);
    }
    return out;
  }

  private static List<List<String>> splitRows(String text, char delim) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
        any = true;
      } else if (c == delim) {
        row.add(cell.toString());
        cell.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || cell.length() > 0) {
          row.add(cell.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        cell.setLength(0);
        any = false;
      } else {
        cell.append(c);
        any = true;
      }
    }
    if (any || cell.length() > 0) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }

  /**
   * DVC's {@code get_datapoints}: the lists of uniform maps found in {@code content} (the content
   * itself when it is such a list, or lists nested in maps), merged by index.
   */
  public static List<Map<String, Object>> datapoints(Object content) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (List<?> l : lists(content)) {
      if (!isDatapoints(l)) {
        continue;
      }
      for (int i = 0; i < l.size(); i++) {
        if (out.size() <= i) {
          out.add(new LinkedHashMap<>());
        }
        Map<String, Object> target = out.get(i);
        ((Map<?, ?>) l.get(i)).forEach((k, v) -> target.put(String.valueOf(k), v));
      }
    }
    return out;
  }

  private static List<List<?>> lists(Object blob) {
    List<List<?>> out = new ArrayList<>();
    if (blob instanceof List<?> l) {
      out.add(l);
    } else if (blob instanceof Map<?, ?> m) {
      for (Object v : m.values()) {
        if (v instanceof Map<?, ?>) {
          out.addAll(lists(v));
        } else if (v instanceof List<?> l) {
          out.add(l);
        }
      }
    }
    return out;
  }

  private static boolean isDatapoints(List<?> l) {
    if (l.isEmpty() || !l.stream().allMatch(x -> x instanceof Map)) {
      return false;
    }
    Set<Object> first = new HashSet<>(((Map<?, ?>) l.get(0)).keySet());
    Set<Object> all = new HashSet<>();
    l.forEach(x -> all.addAll(((Map<?, ?>) x).keySet()));
    return first.equals(all);
  }
}
