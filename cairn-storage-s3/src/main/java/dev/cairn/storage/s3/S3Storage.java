package dev.cairn.storage.s3;

import dev.cairn.storage.Keys;
import dev.cairn.storage.SpooledOutput;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsListing;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A {@link Storage} over one bucket and key prefix. Uploads are spooled and published on close:
 * one {@code PutObject} up to the multipart threshold, else a multipart upload that is completed
 * only after every part went up and aborted on any failure. Downloads are checked against the
 * announced length, so a cut connection is an error, never a short object.
 */
final class S3Storage implements Storage, SupportsListing {
  private final S3Properties props;
  private final S3Client s3;
  private final S3Errors errors;

  S3Storage(S3Properties props) throws StorageException {
    this(props, S3Clients.build(props));
  }

  S3Storage(S3Properties props, S3Client s3) {
    this.props = props;
    this.s3 = s3;
    this.errors = new S3Errors(props);
  }

  @Override
  public InputStream open(String key) throws IOException {
    String k = props.objectKey(Keys.check(key));
    try {
      ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(props.bucket()).key(k));
      Long length = in.response().contentLength();
      return new CheckedInput(in, key, length == null ? -1 : length);
    } catch (SdkException e) {
      throw errors.map(e, "read", key);
    }
  }

  @Override
  public AtomicOutput create(String key) {
    String k = props.objectKey(Keys.check(key));
    return new SpooledOutput() {
      @Override
      protected void publish(Spool spool) throws IOException {
        try {
          if (spool.file() != null && spool.size() > props.multipartThreshold()) {
            multipart(k, spool);
          } else {
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(props.bucket()).key(k);
            if (props.sse() != null) {
              put.serverSideEncryption(ServerSideEncryption.fromValue(props.sse()));
            }
            if (props.sseKmsKeyId() != null) {
              put.ssekmsKeyId(props.sseKmsKeyId());
            }
            if (props.acl() != null) {
              put.acl(ObjectCannedACL.fromValue(props.acl()));
            }
            s3.putObject(put.build(), spool.file() != null ? RequestBody.fromFile(spool.file())
                : RequestBody.fromBytes(spool.bytes()));
          }
        } catch (SdkException e) {
          throw errors.map(e, "write", key);
        }
      }
    };
  }

  private void multipart(String k, SpooledOutput.Spool spool) throws IOException {
    CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(props.bucket()).key(k);
    if (props.sse() != null) {
      create.serverSideEncryption(ServerSideEncryption.fromValue(props.sse()));
    }
    if (props.sseKmsKeyId() != null) {
      create.ssekmsKeyId(props.sseKmsKeyId());
    }
    if (props.acl() != null) {
      create.acl(ObjectCannedACL.fromValue(props.acl()));
    }
    String uploadId = s3.createMultipartUpload(create.build()).uploadId();
    boolean completed = false;
    try (FileChannel ch = FileChannel.open(spool.file(), StandardOpenOption.READ)) {
      List<CompletedPart> parts = new ArrayList<>();
      long offset = 0;
      for (int n = 1; offset < spool.size(); n++) {
        int len = (int) Math.min(props.partSize(), spool.size() - offset);
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) >= 0) {
          // fill the part
        }
        int partNumber = n;
        String etag = s3.uploadPart(r -> r.bucket(props.bucket()).key(k).uploadId(uploadId).partNumber(partNumber),
            RequestBody.fromBytes(buf.array())).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        offset += len;
      }
      s3.completeMultipartUpload(r -> r.bucket(props.bucket()).key(k).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
      completed = true;
    } finally {
      if (!completed) {
        try {
          s3.abortMultipartUpload(r -> r.bucket(props.bucket()).key(k).uploadId(uploadId));
        } catch (SdkException ignored) {
          // the upload is left for the bucket's lifecycle rules; nothing is visible under the key
        }
      }
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    return size(key) >= 0;
  }

  @Override
  public long size(String key) throws IOException {
    String k = props.objectKey(Keys.check(key));
    try {
      return s3.headObject(r -> r.bucket(props.bucket()).key(k)).contentLength();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
        return -1;
      }
      throw errors.map(e, "check", key);
    } catch (SdkException e) {
      throw errors.map(e, "check", key);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    String k = props.objectKey(Keys.check(key));
    try {
      s3.deleteObject(r -> r.bucket(props.bucket()).key(k));
    } catch (S3Exception e) {
      if (e.statusCode() != 404 || "NoSuchBucket".equals(code(e))) {
        throw errors.map(e, "delete", key);
      }
    } catch (SdkException e) {
      throw errors.map(e, "delete", key);
    }
  }

  @Override
  public void list(String prefix, Consumer<String> sink) throws IOException {
    String strip = props.prefix().isEmpty() ? "" : props.prefix() + "/";
    try {
      for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(props.bucket()).prefix(strip + prefix)).contents()) {
        if (o.key().startsWith(strip)) {
          sink.accept(o.key().substring(strip.length()));
        }
      }
    } catch (StopListing stop) {
      // the sink has seen enough
    } catch (SdkException e) {
      throw errors.map(e, "list", null);
    }
  }

  @Override
  public String describe() {
    return props.describe();
  }

  @Override
  public void close() {
    s3.close();
  }

  private static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  /** Counts bytes, reports a short body as a retryable error, and maps transport failures. */
  private final class CheckedInput extends FilterInputStream {
    private final String key;
    private final long expected;
    private long read;

    CheckedInput(InputStream in, String key, long expected) {
      super(in);
      this.key = key;
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(b, off, len);
      } catch (IOException | SdkException e) {
        throw errors.map(e, "read", key);
      }
      if (n < 0) {
        if (expected >= 0 && read < expected) {
          throw new StorageException("Download of '" + key + "' from " + props.describe() + " ended after " + read
              + " of " + expected + " bytes; try again", null, true);
        }
        return -1;
      }
      read += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
      int r = read(buf, 0, buf.length);
      return Math.max(0, r);
    }

    @Override
    public void close() throws IOException {
      try {
        if (expected >= 0 && read < expected && in instanceof ResponseInputStream<?> r) {
          r.abort();
        }
        super.close();
      } catch (IOException | SdkException e) {
        // closing a half-read download: nothing the caller can act on
      }
    }
  }
}
