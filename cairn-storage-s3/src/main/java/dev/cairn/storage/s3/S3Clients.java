package dev.cairn.storage.s3;

import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.function.Supplier;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Builds the SDK client for an {@link S3Properties}, and the parts it is built from (HTTP client,
 * credentials, region), which {@link S3Direct} shares.
 *
 * @param s3 the SDK client, built on first use: a pull through {@link S3Direct} never needs it, and
 *     building it (its endpoint rules, interceptors, model classes) took about a third of the time
 *     it took to open the remote
 * @param http its HTTP client; not closed by {@code s3.close()}, the owner closes it
 * @param credentials its credentials
 * @param region its region (the signing region)
 * @param endpoint the endpoint it is pointed at ({@code endpointurl}, path-style), or null for AWS's
 */
record S3Clients(Lazy s3, SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {

  /** The SDK client, built the first time it is asked for. */
  static final class Lazy implements Supplier<S3Client> {
    private final S3ClientBuilder builder;
    private S3Client client;

    Lazy(S3ClientBuilder builder) {
      this.builder = builder;
    }

    @Override
    public synchronized S3Client get() {
      if (client == null) {
        client = builder.build();
      }
      return client;
    }

    /** Closes the client if it was built. */
    synchronized void close() {
      if (client != null) {
        client.close();
      }
    }
  }

  static S3Clients build(S3Properties p) throws StorageException {
    SdkHttpClient http = httpClient(p);
    AwsCredentialsProvider credentials = credentials(p);
    Region region = region(p);
    S3ClientBuilder b = S3Client.builder()
        .httpClient(http)
        .credentialsProvider(credentials)
        .region(region)
        // No CRC32 per request (the SDK's default since 2.30): every object is named by its MD5 and
        // verified against it when it is downloaded, and a cache object is hash-checked while it is
        // read for upload. The default also turned each PUT into an aws-chunked body with a signed
        // trailer, which cost client and server CPU on every small object.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        // plain bodies: over HTTPS unsigned (TLS protects them), over HTTP with the SHA-256 of the
        // whole body in the signature instead of signed aws-chunked framing
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
    if (p.endpoint() != null) {
      b.endpointOverride(p.endpoint()).forcePathStyle(true);
    }
    return new S3Clients(new Lazy(b), http, credentials, region, p.endpoint());
  }

  private static SdkHttpClient httpClient(S3Properties p) throws StorageException {
    Apache5HttpClient.Builder http = Apache5HttpClient.builder().maxConnections(64);
    if (p.connectTimeout() != null) {
      http.connectionTimeout(p.connectTimeout());
    }
    if (p.readTimeout() != null) {
      http.socketTimeout(p.readTimeout());
    }
    if (p.endpoint() != null && "http".equalsIgnoreCase(p.endpoint().getScheme())) {
      // every request goes to the plain-HTTP endpoint: no TLS context, whose set-up (the JDK's
      // trust store, cipher suites) was a third of the time it took to open the remote
      http.tlsSocketStrategy((socket, host, port, attachment, context) -> {
        throw new IOException("No TLS for " + p.describe() + ": its endpoint is http://");
      });
      return http.build();
    }
    if (!p.sslVerify()) {
      return http.buildWithDefaults(
          AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
    }
    if (p.caBundle() != null) {
      TrustManager[] trust = trustManagers(p);
      http.tlsTrustManagersProvider(() -> trust);
    }
    return http.build();
  }

  private static TrustManager[] trustManagers(S3Properties p) throws StorageException {
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
    } catch (IOException | GeneralSecurityException e) {
      throw new StorageException("Cannot read the CA bundle '" + p.caBundle() + "' named by ssl_verify for "
          + p.describe() + ": " + e.getClass().getSimpleName(), e, false);
    }
  }

  private static AwsCredentialsProvider credentials(S3Properties p) {
    AwsCredentialsProvider base;
    if (p.accessKeyId() != null && p.secretAccessKey() != null) {
      base = StaticCredentialsProvider.create(p.sessionToken() == null
          ? AwsBasicCredentials.create(p.accessKeyId(), p.secretAccessKey())
          : AwsSessionCredentials.create(p.accessKeyId(), p.secretAccessKey(), p.sessionToken()));
    } else if (p.profile() != null || p.credentialPath() != null) {
      ProfileCredentialsProvider.Builder pb = ProfileCredentialsProvider.builder();
      if (p.profile() != null) {
        pb.profileName(p.profile());
      }
      if (p.credentialPath() != null) {
        pb.profileFile(ProfileFile.builder().content(p.credentialPath()).type(ProfileFile.Type.CREDENTIALS).build());
      }
      base = pb.build();
    } else {
      base = DefaultCredentialsProvider.builder().build();
    }
    if (p.allowAnonymous()) {
      return AwsCredentialsProviderChain.builder()
          .credentialsProviders(base, AnonymousCredentialsProvider.create()).build();
    }
    return base;
  }

  private static Region region(S3Properties p) {
    if (p.region() != null) {
      return Region.of(p.region());
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException e) {
      return Region.US_EAST_1;
    }
  }
}
