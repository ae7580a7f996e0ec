package dev.cairn.storage.http;

import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS context for {@code ssl_verify}: the JDK default, a CA bundle, or (false) no checks at all. */
final class Tls {
  private Tls() {}

  static SSLContext context(HttpProperties p) throws StorageException {
    try {
      if (p.sslVerify() && p.caBundle() == null) {
        return SSLContext.getDefault();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      TrustManager[] trust = p.sslVerify() ? bundle(p) : new TrustManager[] {new TrustAll()};
      ctx.init(null, trust, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new StorageException("Cannot set up TLS for " + p.base() + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static TrustManager[] bundle(HttpProperties p) throws StorageException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(p.caBundle())) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return tmf.getTrustManagers();
    } catch (IOException e) {
      throw new StorageException("Cannot read the CA bundle '" + p.caBundle() + "' named by ssl_verify for "
          + p.base(), e);
    }
  }

  /**
   * Accepts any certificate and, being an extended trust manager, also skips the host name check:
   * what {@code ssl_verify = false} asks for.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
