package dev.cairn.storage.http;

import dev.cairn.storage.Keys;
import dev.cairn.storage.SpooledOutput;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsInfo;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A {@link Storage} over an HTTP(S) server, the way DVC's HTTP remotes work. An upload is sent
 * only once its writer closes, as one request with a known length, so the server never sees a
 * half-written object from us; whether a cut-off request can leave a partial file is up to the
 * server (a sound one writes to a temp name and renames, as the test server does).
 */
final class HttpStorage implements SupportsInfo, Storage {
  private final HttpProperties props;
  private final HttpClient client;
  private final HttpErrors errors;
  private final DigestAuth digest;

  HttpStorage(HttpProperties props) throws StorageException {
    this.props = props;
    this.errors = new HttpErrors(props);
    this.digest = props.auth() == HttpProperties.Auth.DIGEST ? new DigestAuth(props.user(), props.password()) : null;
    HttpClient.Builder b = HttpClient.newBuilder()
        .connectTimeout(props.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (props.base().startsWith("https:")) {
      b.sslContext(Tls.context(props));
    } else {
      b.version(HttpClient.Version.HTTP_1_1);
    }
    this.client = b.build();
  }

  @Override
  public InputStream open(String key) throws IOException {
    HttpResponse<InputStream> r = send("GET", key, HttpRequest.BodyPublishers.noBody(),
        HttpResponse.BodyHandlers.ofInputStream(), "read");
    if (r.statusCode() / 100 != 2) {
      r.body().close();
      throw errors.status(r.statusCode(), "read", key);
    }
    return new FilterInputStream(r.body()) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException e) {
          throw errors.transport(e, "read", key);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          throw errors.transport(e, "read", key);
        }
      }
    };
  }

  @Override
  public AtomicOutput create(String key) {
    Keys.check(key);
    return new SpooledOutput() {
      @Override
      protected void publish(Spool spool) throws IOException {
        HttpRequest.BodyPublisher body;
        try {
          body = spool.file() != null ? HttpRequest.BodyPublishers.ofFile(spool.file())
              : HttpRequest.BodyPublishers.ofByteArray(spool.bytes());
        } catch (FileNotFoundException e) {
          throw new StorageException("Upload of '" + key + "' lost its spool file", e);
        }
        HttpResponse<Void> r = send(props.method(), key, body, HttpResponse.BodyHandlers.discarding(), "write");
        if (r.statusCode() / 100 != 2) {
          throw errors.status(r.statusCode(), "write", key);
        }
      }
    };
  }

  @Override
  public boolean exists(String key) throws IOException {
    return size(key) >= 0;
  }

  @Override
  public long size(String key) throws IOException {
    HttpResponse<Void> r = send("HEAD", key, HttpRequest.BodyPublishers.noBody(),
        HttpResponse.BodyHandlers.discarding(), "check");
    if (r.statusCode() == 404 || r.statusCode() == 410) {
      return -1;
    }
    if (r.statusCode() / 100 != 2) {
      throw errors.status(r.statusCode(), "check", key);
    }
    OptionalLong len = r.headers().firstValueAsLong("content-length");
    if (len.isEmpty()) {
      throw new StorageException("HTTP server at " + props.base() + " did not report the size of '" + key + "'");
    }
    return len.getAsLong();
  }

  @Override
  public ObjectInfo info(String key) throws IOException {
    HttpResponse<Void> r = send("HEAD", key, HttpRequest.BodyPublishers.noBody(),
        HttpResponse.BodyHandlers.discarding(), "check");
    if (r.statusCode() == 404 || r.statusCode() == 410) {
      return null;
    }
    if (r.statusCode() / 100 != 2) {
      throw errors.status(r.statusCode(), "check", key);
    }
    return new ObjectInfo(r.headers().firstValueAsLong("content-length").orElse(-1),
        r.headers().firstValue("etag").orElse(null), r.headers().firstValue("content-md5").orElse(null));
  }

  @Override
  public void delete(String key) throws IOException {
    HttpResponse<Void> r = send("DELETE", key, HttpRequest.BodyPublishers.noBody(),
        HttpResponse.BodyHandlers.discarding(), "delete");
    if (r.statusCode() / 100 != 2 && r.statusCode() != 404 && r.statusCode() != 410) {
      throw errors.status(r.statusCode(), "delete", key);
    }
  }

  @Override
  public String describe() {
    return props.base();
  }

  @Override
  public void close() {
    // the JDK client frees its connections when unreachable
  }

  URI uri(String key) {
    return URI.create(props.base() + "/" + encode(Keys.check(key)));
  }

  private <T> HttpResponse<T> send(String method, String key, HttpRequest.BodyPublisher body,
      HttpResponse.BodyHandler<T> handler, String action) throws IOException {
    URI uri = uri(key);
    if (digest != null && !digest.ready() && action.equals("write")) {
      // fetch the Digest challenge with a cheap request rather than sending the body twice
      send("HEAD", key, HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.discarding(), "check");
    }
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, body);
      if (props.readTimeout() != null && !action.equals("write")) {
        b.timeout(props.readTimeout());
      }
      authorize(b, method, uri);
      HttpResponse<T> r;
      try {
        r = client.send(b.build(), handler);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("Interrupted while trying to " + action + " '" + key + "' at " + props.base(), e);
      } catch (IOException e) {
        throw errors.transport(e, action, key);
      }
      if (r.statusCode() == 401 && digest != null && attempt == 0
          && digest.accept(r.headers().firstValue("www-authenticate").orElse(null))) {
        if (r.body() instanceof InputStream in) {
          in.close();
        }
        continue;
      }
      return r;
    }
  }

  private void authorize(HttpRequest.Builder b, String method, URI uri) {
    switch (props.auth()) {
      case BASIC -> {
        String pair = props.user() + ":" + (props.password() == null ? "" : props.password());
        b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
      case DIGEST -> {
        if (digest.ready()) {
          String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
          b.header("Authorization", digest.header(method, path));
        }
      }
      case CUSTOM -> b.header(props.customAuthHeader(), props.password() == null ? "" : props.password());
      case NONE -> { }
    }
  }

  /** Percent-encodes everything in a key except unreserved characters and {@code /}. */
  static String encode(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (byte c : key.getBytes(StandardCharsets.UTF_8)) {
      int ch = c & 0xff;
      if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
          || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
        sb.append((char) ch);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", ch));
      }
    }
    return sb.toString();
  }
}
