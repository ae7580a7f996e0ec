package dev.cairn.odb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a workspace file is made from a cache object ({@code cache.type}, dvc-format.md §2.2). */
public enum LinkType {
  REFLINK, HARDLINK, SYMLINK, COPY;

  /** DVC's default, {@code reflink,copy}. */
  public static final List<LinkType> DEFAULT = List.of(REFLINK, COPY);

  /**
   * Parses a {@code cache.type} value: a comma list (or configobj list) of the four names.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static List<LinkType> parseList(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    List<LinkType> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      try {
        out.add(LinkType.valueOf(p.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid cache.type '" + part.trim()
            + "': expected a comma list of reflink, hardlink, symlink, copy");
      }
    }
    return out.isEmpty() ? DEFAULT : List.copyOf(out);
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
