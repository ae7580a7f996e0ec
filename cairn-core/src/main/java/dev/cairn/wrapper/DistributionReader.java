package dev.cairn.wrapper;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a distribution archive once to compute its SHA-256 (streamed, nothing is stored), and the
 * {@code .sha256} file published beside it when there is one ({@code sha256sum}'s format or the bare
 * digest Maven repositories hold).
 */
final class DistributionReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private HttpClient http;

  /** There is nothing at the URL (HTTP 404, no such file). */
  static final class NotFound extends CairnException {
    NotFound(URI uri) {
      super(Kind.FAILED, "No distribution at " + uri);
    }
  }

  /**
   * The SHA-256 of the archive at {@code uri}, in lowercase hex.
   *
   * @throws NotFound when there is nothing at the URL
   * @throws CairnException when it cannot be read, or does not start like a gzip file
   */
  String sha256(URI uri) throws CairnException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try (InputStream in = open(uri, false).orElseThrow(() -> new NotFound(uri))) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      byte[] head = new byte[2];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        for (int i = 0; i < n && total + i < 2; i++) {
          head[(int) total + i] = buf[i];
        }
        md.update(buf, 0, n);
        total += n;
      }
      if (total < 2 || (head[0] & 0xff) != 0x1f || (head[1] & 0xff) != 0x8b) {
        throw CairnException.invalidInput(uri + " is not a .tar.gz archive (it does not start as gzip data)");
      }
    } catch (IOException e) {
      throw CairnException.failed("Cannot read " + uri + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The digest in {@code <uri>.sha256}, lowercased; empty when there is no such file.
   *
   * @throws CairnException when the file exists but holds no SHA-256
   */
  Optional<String> published(URI uri) throws CairnException {
    URI sumUri = URI.create(uri + ".sha256");
    String text;
    try {
      Optional<InputStream> in = open(sumUri, true);
      if (in.isEmpty()) {
        return Optional.empty();
      }
      try (InputStream s = in.get()) {
        text = new String(s.readNBytes(4096), StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      throw CairnException.failed("Cannot read " + sumUri + ": " + e.getMessage(), e);
    }
    String first = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    if (!first.matches("[0-9a-f]{64}")) {
      throw CairnException.failed(sumUri + " holds no SHA-256 (expected 64 hex digits, as sha256sum writes)", null);
    }
    return Optional.of(first);
  }

  /** The bytes at {@code uri}; empty when the server or file system says there are none (404, no file). */
  private Optional<InputStream> open(URI uri, boolean optional) throws IOException, CairnException {
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      try {
        return Optional.of(Files.newInputStream(Path.of(uri)));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }
    if (http == null) {
      http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
    }
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    int status = resp.statusCode();
    if (status == 200) {
      return Optional.of(resp.body());
    }
    resp.body().close();
    if (status == 404 || (optional && status == 403)) {
      return Optional.empty();
    }
    throw CairnException.failed("Cannot download " + uri + ": HTTP " + status, null);
  }
}
