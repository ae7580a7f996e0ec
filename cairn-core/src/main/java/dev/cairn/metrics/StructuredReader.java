package dev.cairn.metrics;

import dev.cairn.format.StructuredFiles;
import dev.cairn.revision.RevisionFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one metrics/params file of a revision the way DVC's {@code load_path} does (by extension:
 * {@code .json}, {@code .toml}, anything else YAML 1.2; an empty document is an empty map) and turns
 * every failure into a {@link ReadError} named as DVC names it.
 */
final class StructuredReader {
  private StructuredReader() {}

  /** Parsed content, or the error a caller puts in the result. */
  record Parsed(Object value, ReadError error) {}

  static Parsed read(RevisionFiles files, String path) {
    Optional<byte[]> bytes;
    try {
      bytes = files.read(path);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: e.g. JGit's LargeObjectException for a blob too large to load
      return new Parsed(null, new ReadError("OSError", "unable to read: '" + path + "', " + e.getMessage()));
    }
    if (bytes.isEmpty()) {
      return new Parsed(null, ReadError.notFound(path));
    }
    String text;
    try {
      text = decodeUtf8(bytes.get());
    } catch (CharacterCodingException e) {
      return new Parsed(null, new ReadError("EncodingError", "unable to read: '" + path + "', is not valid utf-8"));
    }
    return parse(text, path);
  }

  static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes)).toString();
  }

  static Parsed parse(String text, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String kind = lower.endsWith(".json") ? "JSON" : lower.endsWith(".toml") ? "TOML" : "YAML";
    if (lower.endsWith(".py")) {
      return new Parsed(null, new ReadError("ParseError",
          "unable to read: '" + path + "', Python files are not supported; use YAML, JSON or TOML"));
    }
    try {
      Object v = StructuredFiles.parse(text, path, path);
      return new Parsed(PyValues.truthy(v) ? v : new LinkedHashMap<String, Object>(), null);
    } catch (StructuredFiles.ParseException e) {
      return new Parsed(null, new ReadError(kind + "FileCorruptedError",
          "unable to read: '" + path + "', " + kind + " file structure is corrupted"));
    } catch (RuntimeException e) {
      // snakeyaml/jackson may throw unchecked errors on exotic input; still a per-file error
      return new Parsed(null, new ReadError(kind + "FileCorruptedError",
          "unable to read: '" + path + "', " + kind + " file structure is corrupted"));
    }
  }
}
