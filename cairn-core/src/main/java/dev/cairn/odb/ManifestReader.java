package dev.cairn.odb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.cairn.format.CodePointOrder;
import dev.cairn.hash.HashInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a {@code .dir} manifest one entry at a time, with the checks of {@link
 * Manifest#parse(InputStream, String)} (entry shape, safe relpaths, the entry and relpath caps),
 * holding only the current entry. It also tells whether the entries came sorted by relpath, each
 * once, as DVC and Cairn write them ({@link #sorted()}); code that merges a manifest with a sorted
 * walk needs that, and falls back to {@link Manifest} (sorted in memory) otherwise. Not
 * thread-safe; closing it closes the stream.
 */
public final class ManifestReader implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  private final JsonParser p;
  private final String oid;
  private final int max = Manifest.maxEntries();
  private final long maxChars = Manifest.maxRelpathChars();
  private int count;
  private long chars;
  private boolean sorted = true;
  private boolean ended;
  private String last;
  private boolean verified;

  /**
   * Starts reading the manifest in {@code in} (which should be buffered).
   *
   * @param oid the object's name, for messages
   * @throws CorruptObjectException when the bytes do not start a JSON list
   */
  public ManifestReader(InputStream in, String oid) throws IOException {
    this.oid = oid;
    try {
      this.p = JSON.createParser(in);
      if (p.nextToken() != JsonToken.START_ARRAY) {
        p.close();
        throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not a list");
      }
    } catch (JsonProcessingException | java.io.CharConversionException e) {
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON");
    }
  }

  /**
   * The next entry, or null at the end of the list.
   *
   * @throws CorruptObjectException as {@link Manifest#parse(InputStream, String)}
   */
  public Manifest.Entry next() throws IOException {
    try {
      return read();
    } catch (CorruptObjectException e) {
      // bytes that match their hash are not damaged: the manifest was made this way
      throw verified && !e.getMessage().startsWith("Refusing")
          ? new CorruptObjectException(e.getMessage().replaceFirst("^Corrupted", "Refusing")) : e;
    }
  }

  /** Marks the bytes as checked against the object's name: every refusal says "Refusing", not "Corrupted". */
  ManifestReader verified() {
    this.verified = true;
    return this;
  }

  private Manifest.Entry read() throws IOException {
    if (ended) {
      return null;
    }
    try {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_ARRAY) {
        ended = true;
        return null;
      }
      if (t != JsonToken.START_OBJECT) {
        throw new CorruptObjectException("Corrupted directory manifest " + oid + ": bad entry " + p.getText());
      }
      String relpath = null;
      String md5 = null;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if ("relpath".equals(name)) {
          relpath = v == JsonToken.VALUE_STRING ? p.getText() : null;
        } else if ("md5".equals(name)) {
          md5 = v == JsonToken.VALUE_STRING ? p.getText() : null;
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON");
      }
      if (relpath == null || md5 == null || !HashInfo.isValid(md5)) {
        throw new CorruptObjectException("Corrupted directory manifest " + oid + ": bad entry {\"md5\": " + md5
            + ", \"relpath\": " + relpath + "}");
      }
      if (count >= max) {
        throw new CorruptObjectException("Refusing directory manifest " + oid + ": more than " + max
            + " entries (the limit against hostile manifests; for a genuine directory that large, raise it with"
            + " -Dcairn.manifest.maxEntries=N in JAVA_TOOL_OPTIONS)");
      }
      chars += relpath.length();
      if (chars > maxChars) {
        throw new CorruptObjectException("Refusing directory manifest " + oid + ": its relpaths hold more than "
            + maxChars + " characters (the limit against hostile manifests)");
      }
      Manifest.Entry e;
      try {
        e = new Manifest.Entry(relpath, md5.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException ex) {
        throw new CorruptObjectException("Refusing directory manifest " + oid + ": " + ex.getMessage());
      }
      count++;
      if (last != null && CodePointOrder.INSTANCE.compare(last, relpath) >= 0) {
        sorted = false;
      }
      last = relpath;
      return e;
    } catch (StreamConstraintsException e) {
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON within limits ("
          + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
    } catch (JsonProcessingException | java.io.CharConversionException e) {
      throw new CorruptObjectException("Corrupted directory manifest " + oid + ": not JSON");
    }
  }

  /** Whether every entry so far sorted after the one before it (code-point order, no duplicates). */
  public boolean sorted() {
    return sorted;
  }

  /** Entries read so far. */
  public int count() {
    return count;
  }

  @Override
  public void close() throws IOException {
    p.close();
  }
}
