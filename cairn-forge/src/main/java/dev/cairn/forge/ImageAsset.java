package dev.cairn.forge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An image to embed in a report.
 *
 * @param fileName a plain file name such as {@code confusion.png} (no directories)
 * @param mediaType e.g. {@code image/png}
 * @param content the bytes
 */
public record ImageAsset(String fileName, String mediaType, byte[] content) {
  /** Validates the name and copies nothing (the caller hands the bytes over). */
  public ImageAsset {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(content, "content");
    if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
        || fileName.startsWith(".")) {
      throw new IllegalArgumentException("Invalid image file name '" + fileName + "'");
    }
  }

  /**
   * Reads an image file; the media type comes from the extension (png, jpg/jpeg, gif, svg, webp).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the extension is not one of those
   */
  public static ImageAsset read(Path file) throws IOException {
    String name = file.getFileName().toString();
    return new ImageAsset(name, mediaTypeOf(name), Files.readAllBytes(file));
  }

  /** The media type for an image file name, by extension. */
  public static String mediaTypeOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".png")) {
      return "image/png";
    }
    if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (n.endsWith(".gif")) {
      return "image/gif";
    }
    if (n.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (n.endsWith(".webp")) {
      return "image/webp";
    }
    throw new IllegalArgumentException(
        "Unsupported image '" + name + "': use .png, .jpg, .jpeg, .gif, .svg or .webp");
  }

  /** The SHA-256 of the content, lower-case hex; used for content-addressed names. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A file name safe for URLs: characters other than letters, digits, '.', '-' become '-'. */
  public String safeFileName() {
    return fileName.replaceAll("[^A-Za-z0-9.-]", "-");
  }

  @Override
  public String toString() {
    return "ImageAsset[" + fileName + ", " + mediaType + ", " + content.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageAsset
        && ((ImageAsset) o).fileName.equals(fileName)
        && ((ImageAsset) o).mediaType.equals(mediaType)
        && Arrays.equals(((ImageAsset) o).content, content);
  }

  @Override
  public int hashCode() {
    return fileName.hashCode() * 31 + Arrays.hashCode(content);
  }
}
