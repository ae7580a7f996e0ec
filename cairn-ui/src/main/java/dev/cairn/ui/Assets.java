package dev.cairn.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The page's static files: a fixed map from URL path to a resource of this jar, so no request path
 * is ever resolved against a directory (nothing can escape the bundle, whatever the path holds).
 */
final class Assets {
  private static final String BASE = "/dev/cairn/ui/site/";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {"index.html", "text/html; charset=utf-8"},
      "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
      "/app.js", new String[] {"app.js", JS},
      "/charts.js", new String[] {"charts.js", JS},
      "/style.css", new String[] {"style.css", "text/css; charset=utf-8"},
      "/vendor/vega.min.js", new String[] {"vendor/vega.min.js", JS},
      "/vendor/vega-lite.min.js", new String[] {"vendor/vega-lite.min.js", JS},
      "/vendor/vega-embed.min.js", new String[] {"vendor/vega-embed.min.js", JS});

  /** A file's bytes and content type. */
  record Asset(byte[] bytes, String contentType) {}

  private Assets() {}

  /** The asset served at {@code path} (exactly as requested, no decoding or normalising), if any. */
  static Optional<Asset> get(String path) throws IOException {
    String[] f = FILES.get(path);
    if (f == null) {
      return Optional.empty();
    }
    try (InputStream in = Assets.class.getResourceAsStream(BASE + f[0])) {
      if (in == null) {
        throw new IOException("The jar lacks " + BASE + f[0] + "; rebuild cairn-ui (mvn -pl cairn-ui -am install)");
      }
      return Optional.of(new Asset(in.readAllBytes(), f[1]));
    }
  }
}
