package dev.cairn.forge;

import dev.cairn.forge.internal.Call;
import dev.cairn.forge.internal.Links;
import dev.cairn.forge.internal.Response;
import dev.cairn.forge.internal.RestClient;
import dev.cairn.retry.RetryPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Uploads images to the user's own asset server, like CML's {@code --publish-url} but without a
 * third-party default: {@code PUT <base>/<sha256-prefix>-<name>} with the image bytes and its
 * {@code Content-Type} (and {@code Authorization: Bearer <token>} when a token is given).
 *
 * <p>The image's address is, in this order: the response's {@code Location} header; the response
 * body when it is a single {@code http(s)} URL; else the {@code PUT} address itself (a plain
 * WebDAV-style or object-store server). A body that is HTML or anything else is ignored, never
 * used as a URL.
 */
public final class PublishUrlUploader implements AssetUploader {
  private final URI base;
  private final RestClient rest;

  /**
   * Creates the uploader.
   *
   * @param base the server's base URL, {@code http} or {@code https}, without credentials
   * @param token sent as {@code Bearer} when present; never printed
   * @param retry retries 429 and 5xx
   * @throws IllegalArgumentException if {@code base} is not an http(s) URL or has credentials
   */
  public PublishUrlUploader(URI base, Optional<Token> token, RetryPolicy retry, Duration timeout) {
    String scheme = base.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))
        || base.getHost() == null) {
      throw new IllegalArgumentException(
          "Invalid publish URL '" + base + "': use an http(s) URL");
    }
    if (base.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "The publish URL must not contain credentials: pass a token");
    }
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    Map<String, String> h = new LinkedHashMap<>();
    h.put("User-Agent", "cairn-forge");
    token.ifPresent(t -> h.put("Authorization", "Bearer " + t.reveal()));
    Token forMessages = token.orElse(Token.of("-", "no token"));
    this.rest =
        new RestClient("The asset server " + this.base.getHost(), h, forMessages, retry, timeout,
            "pass the asset server's token");
  }

  @Override
  public ImageLink upload(ImageAsset image) throws ForgeException {
    URI target =
        base.resolve(Links.segment(image.sha256().substring(0, 16) + "-" + image.safeFileName()));
    Response r =
        rest.send(
            new Call(
                "PUT",
                target,
                image.mediaType(),
                image.content(),
                "upload image " + image.fileName(),
                "write access to " + base,
                Set.of()));
    Optional<String> location = r.header("location").map(String::trim).filter(s -> !s.isEmpty());
    String url;
    if (location.isPresent()) {
      url = target.resolve(location.get()).toString();
    } else {
      String body = r.text().trim();
      url = isHttpUrl(body) ? body : target.toString();
    }
    return ImageLink.of(url, image.fileName());
  }

  private static boolean isHttpUrl(String s) {
    if (s.isEmpty() || s.length() > 2048 || s.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    try {
      URI u = new URI(s);
      return (("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          && u.getHost() != null);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "PublishUrlUploader[" + base + "]";
  }
}
