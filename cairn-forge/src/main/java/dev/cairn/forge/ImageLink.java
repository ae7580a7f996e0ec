package dev.cairn.forge;

import java.util.Objects;

/**
 * Where an uploaded image can be seen.
 *
 * @param url the address to embed; absolute, or relative to the project where the forge renders
 *     it so (GitLab's {@code /uploads/...})
 * @param markdown a ready Markdown image reference, {@code ![alt](url)}
 */
public record ImageLink(String url, String markdown) {
  /** Checks for nulls. */
  public ImageLink {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(markdown, "markdown");
  }

  /** A link whose Markdown is {@code ![alt](url)}, with {@code alt} escaped for Markdown. */
  public static ImageLink of(String url, String alt) {
    String a = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    String u = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
    return new ImageLink(url, "![" + a + "](" + u + ")");
  }
}
