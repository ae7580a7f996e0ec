package dev.cairn.plots;

import java.util.Arrays;

/**
 * One revision's version of an image plot ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .gif}
 * or {@code .svg}), shown as it is, as DVC shows image plots.
 *
 * @param revision the revision it was read from
 * @param path its repo-relative path
 * @param content the file's bytes
 */
public record PlotImage(String revision, String path, byte[] content) {
  public PlotImage {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The file extension, lower case, with its dot ({@code .png}). */
  public String extension() {
    return ChartKind.imageExtension(path);
  }

  /** The MIME type of the image, for data URIs. */
  public String mimeType() {
    return switch (extension()) {
      case ".jpg", ".jpeg" -> "image/jpeg";
      case ".gif" -> "image/gif";
      case ".svg" -> "image/svg+xml";
      default -> "image/png";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlotImage p && p.revision.equals(revision) && p.path.equals(path)
        && Arrays.equals(p.content, content);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * revision.hashCode() + path.hashCode()) + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "PlotImage[" + revision + ", " + path + ", " + content.length + " bytes]";
  }
}
