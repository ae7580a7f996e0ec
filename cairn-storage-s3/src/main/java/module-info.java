/** The S3 remote (AWS SDK v2, kept inside this module), a storage provider for {@code s3://} URLs. */
module dev.cairn.storage.s3 {
  requires dev.cairn.storage;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache5;
  requires software.amazon.awssdk.profiles;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.utils;

  provides dev.cairn.storage.StorageProvider with dev.cairn.storage.s3.S3StorageProvider;
}
