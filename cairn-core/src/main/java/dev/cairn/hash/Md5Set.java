package dev.cairn.hash;

/**
 * A set of MD5 values kept as 16 bytes each (two {@code long}s in an open-addressing table), for
 * the sets that grow with a tree: the objects of a cache directory, the objects a {@code gc} keeps,
 * the objects a transfer has seen. About 32 bytes per value at the default load, against some 150
 * for a {@code HashSet<String>} of hex strings. Values are 32 lowercase hex digits (a {@code .dir}
 * suffix is not part of the value; callers keep directories apart). Thread-safe: every method
 * locks the set.
 */
public final class Md5Set {
  private long[] table; // pairs (hi, lo); the pair (0, 0) marks a free slot
  private boolean hasZero; // the value 0…0 itself, which the table cannot hold
  private int size;

  /** An empty set. */
  public Md5Set() {
    table = new long[32];
  }

  /** Adds a value; returns whether it was new. */
  public synchronized boolean add(String hex32) {
    return add(hi(hex32), lo(hex32));
  }

  /** Adds a value given as its two halves ({@link #hi}, {@link #lo}); returns whether it was new. */
  public synchronized boolean add(long hi, long lo) {
    if (hi == 0 && lo == 0) {
      boolean added = !hasZero;
      hasZero = true;
      size += added ? 1 : 0;
      return added;
    }
    if ((size + 1) * 4L > (table.length / 2) * 3L) {
      grow();
    }
    if (insert(table, hi, lo)) {
      size++;
      return true;
    }
    return false;
  }

  /** Whether the value is in the set. */
  public synchronized boolean contains(String hex32) {
    return contains(hi(hex32), lo(hex32));
  }

  /** Whether the value given as its two halves is in the set. */
  public synchronized boolean contains(long hi, long lo) {
    if (hi == 0 && lo == 0) {
      return hasZero;
    }
    int mask = table.length / 2 - 1;
    int i = mix(hi, lo) & mask;
    while (true) {
      long h = table[2 * i];
      long l = table[2 * i + 1];
      if (h == 0 && l == 0) {
        return false;
      }
      if (h == hi && l == lo) {
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  /** Receives the values of a set as their two halves. */
  @FunctionalInterface
  public interface PairConsumer {
    void accept(long hi, long lo);
  }

  /**
   * Calls {@code sink} for every value, in no particular order, over the values present when the
   * call starts (values added meanwhile may or may not be seen).
   */
  public void forEach(PairConsumer sink) {
    long[] t;
    boolean zero;
    synchronized (this) {
      t = table;
      zero = hasZero;
    }
    if (zero) {
      sink.accept(0, 0);
    }
    for (int i = 0; i < t.length; i += 2) {
      long h = t[i];
      long l = t[i + 1];
      if (h != 0 || l != 0) {
        sink.accept(h, l);
      }
    }
  }

  /** The 32-hex form of a value given as its two halves. */
  public static String hex(long hi, long lo) {
    java.util.HexFormat f = java.util.HexFormat.of();
    return f.toHexDigits(hi) + f.toHexDigits(lo);
  }

  /** How many values the set holds. */
  public synchronized int size() {
    return size;
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (int i = 0; i < table.length; i += 2) {
      if (table[i] != 0 || table[i + 1] != 0) {
        insert(bigger, table[i], table[i + 1]);
      }
    }
    table = bigger;
  }

  private static boolean insert(long[] t, long hi, long lo) {
    int mask = t.length / 2 - 1;
    int i = mix(hi, lo) & mask;
    while (true) {
      long h = t[2 * i];
      long l = t[2 * i + 1];
      if (h == 0 && l == 0) {
        t[2 * i] = hi;
        t[2 * i + 1] = lo;
        return true;
      }
      if (h == hi && l == lo) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  private static int mix(long hi, long lo) {
    long x = hi * 0x9E3779B97F4A7C15L ^ lo;
    return (int) (x ^ (x >>> 29) ^ (x >>> 47));
  }

  /** The first 8 bytes of a 32-hex MD5 value as a {@code long}. */
  public static long hi(String hex32) {
    return parse(hex32, 0);
  }

  /** The last 8 bytes of a 32-hex MD5 value as a {@code long}. */
  public static long lo(String hex32) {
    return parse(hex32, 16);
  }

  private static long parse(String s, int from) {
    if (s.length() < 32) {
      throw new IllegalArgumentException("Invalid md5 hash '" + s + "'");
    }
    long v = 0;
    for (int i = from; i < from + 16; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        throw new IllegalArgumentException("Invalid md5 hash '" + s + "'");
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
