package dev.cairn.ci;

import dev.cairn.errors.CairnException;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ImageAsset;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.PublishUrlUploader;
import dev.cairn.retry.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cairn asset publish}, as {@code cml asset publish}: stores a file where the forge hosts
 * attachments (GitHub: the {@code cairn-assets} branch; GitLab: project uploads; Gitea: an
 * attachment of the pull request or issue; Bitbucket Cloud: the repository's downloads; Azure
 * DevOps: an attachment of the pull request), or on an asset server with a {@code PUT}, and returns
 * its address.
 */
public final class Assets {
  private Assets() {}

  /**
   * Uploads {@code file}.
   *
   * @param target where the file belongs (Gitea and Azure DevOps attach it to that pull request or
   *     issue): {@code auto}, {@code pr}, {@code pr/<n>}, {@code issue/<n>}
   * @param publishUrl an asset server to {@code PUT} the file to instead of the forge, or null
   * @param mediaType the file's media type; null to infer it from the name
   * @return the address and a Markdown reference ({@code ![name](url)} for images and videos,
   *     {@code [name](url)} otherwise)
   * @throws CairnException exit 2 for a missing file or bad options, exit 1 when the upload fails or
   *     the forge hosts no attachments (Bitbucket Server)
   */
  public static ImageLink publish(Path file, ForgeRequest forge, String target, String publishUrl, String mediaType,
      String title, Map<String, String> env) throws CairnException, IOException {
    if (!Files.isRegularFile(file)) {
      throw CairnException.invalidInput("File '" + file + "' does not exist");
    }
    String name = file.getFileName().toString();
    String type = mediaType != null ? mediaType : mediaTypeOf(name);
    ImageAsset asset;
    try {
      asset = new ImageAsset(name.startsWith(".") ? name.substring(1) : name, type, Files.readAllBytes(file));
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
    try {
      ImageLink link;
      if (publishUrl != null) {
        Optional<dev.cairn.forge.Token> token = Optional.empty();
        link = new PublishUrlUploader(URI.create(publishUrl), token, RetryPolicy.forgeApis(), Duration.ofSeconds(60))
            .upload(asset);
      } else {
        ForgeConnection c = ForgeConnection.open(forge, "", env, null);
        link = c.client.uploadImage(ForgeConnection.parseTarget(target), asset);
      }
      String label = title == null || title.isBlank() ? name : title;
      boolean inline = type.startsWith("image/") || type.startsWith("video/");
      ImageLink md = ImageLink.of(link.url(), label);
      return inline ? md : new ImageLink(link.url(), md.markdown().substring(1));
    } catch (ForgeException e) {
      throw ForgeConnection.failed(e);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }

  /** The media type for a file name: the image types, a few common ones, else {@code application/octet-stream}. */
  static String mediaTypeOf(String name) {
    try {
      return ImageAsset.mediaTypeOf(name);
    } catch (IllegalArgumentException e) {
      String n = name.toLowerCase(Locale.ROOT);
      String ext = n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : "";
      return switch (ext) {
        case "mp4" -> "video/mp4";
        case "webm" -> "video/webm";
        case "html", "htm" -> "text/html";
        case "md" -> "text/markdown";
        case "txt", "log" -> "text/plain";
        case "csv" -> "text/csv";
        case "json" -> "application/json";
        case "pdf" -> "application/pdf";
        default -> "application/octet-stream";
      };
    }
  }
}
