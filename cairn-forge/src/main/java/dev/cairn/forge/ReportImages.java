package dev.cairn.forge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes the local images of a rendered report, like CML's {@code comment --publish}: every
 * Markdown image {@code ![alt](path "title")} whose path names an image file under the report's
 * directory, or that is a {@code data:image/...;base64,} URI, is uploaded once and its reference
 * rewritten to the uploaded address. Everything else stays as written: remote URLs, missing files,
 * absolute paths, and paths that leave the report's directory (which are never read).
 */
public final class ReportImages {
  private static final Pattern IMAGE =
      Pattern.compile("!\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]+)>?(\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern DATA =
      Pattern.compile("data:(image/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)", Pattern.CASE_INSENSITIVE);

  private ReportImages() {}

  /**
   * Uploads the report's local images and returns the rewritten Markdown.
   *
   * @param markdown the rendered report
   * @param baseDir the directory relative paths are resolved against (the report's folder)
   * @param uploader where images go, e.g. {@code img -> client.uploadImage(target, img)} or a
   *     {@link PublishUrlUploader}
   * @throws ForgeException if an upload fails
   * @throws IOException if an image under {@code baseDir} exists but cannot be read
   */
  public static String publish(String markdown, Path baseDir, AssetUploader uploader)
      throws ForgeException, IOException {
    Path root = baseDir.toRealPath();
    Map<String, String> done = new HashMap<>();
    Matcher m = IMAGE.matcher(markdown);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      Found found = find(m.group(2), root);
      String url = null;
      if (found != null) {
        url = done.get(found.key());
        if (url == null) {
          url = uploader.upload(found.asset()).url();
          done.put(found.key(), url);
        }
      }
      out.append(markdown, last, m.start());
      if (url == null) {
        out.append(m.group());
      } else {
        String title = m.group(3) == null ? "" : m.group(3);
        out.append("![").append(m.group(1)).append("](").append(url.replace(" ", "%20"))
            .append(title).append(')');
      }
      last = m.end();
    }
    out.append(markdown.substring(last));
    return out.toString();
  }

  /** An image to upload, keyed by its real path (or its data URI). */
  private record Found(String key, ImageAsset asset) {}

  /** The image a reference points to, or null when it must stay as written. */
  private static Found find(String ref, Path root) throws IOException {
    Matcher d = DATA.matcher(ref);
    if (d.matches()) {
      String type = d.group(1).toLowerCase(Locale.ROOT);
      String ext = type.substring("image/".length()).replace("svg+xml", "svg").replace("jpeg", "jpg");
      try {
        return new Found(ref,
            new ImageAsset("image." + ext, type, Base64.getDecoder().decode(d.group(2))));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (ref.contains(":") || ref.startsWith("/") || ref.startsWith("#") || ref.startsWith("\\")) {
      return null;
    }
    Path file;
    try {
      file = root.resolve(ref.replace("%20", " ")).normalize();
    } catch (RuntimeException e) {
      return null;
    }
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return null;
    }
    Path real = file.toRealPath();
    if (!real.startsWith(root)) {
      return null;
    }
    String type;
    try {
      type = ImageAsset.mediaTypeOf(real.getFileName().toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
    return new Found(real.toString(),
        new ImageAsset(real.getFileName().toString(), type, Files.readAllBytes(real)));
  }
}
