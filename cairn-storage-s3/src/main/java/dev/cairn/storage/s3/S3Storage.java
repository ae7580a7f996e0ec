package dev.cairn.storage.s3;

import dev.cairn.storage.ChunkedInput;
import dev.cairn.storage.Keys;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsInfo;
import dev.cairn.storage.SupportsListing;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link Storage} over one bucket and key prefix. Uploads are streamed and published on close:
 * one {@code PutObject} up to the multipart threshold, else a multipart upload whose parts go up in
 * parallel while the writer goes on, completed only after every part went up and aborted on any
 * failure (S3 makes an object visible only when its PUT or multipart upload completes, so no temp
 * key is needed). Downloads are checked against the
 * announced length, so a cut connection is an error, never a short object.
 */
final class S3Storage implements SupportsInfo, Storage, SupportsListing {
  private final S3Properties props;
  private final S3Clients.Lazy s3;
  /** GET, HEAD and single PUTs without the SDK's request pipeline; null where it does not apply. */
  private final S3Direct direct;
  private final SdkHttpClient http;
  private final S3Errors errors;
  /** Encryption and ACL headers of every new object. */
  private final java.util.Map<String, String> uploadHeaders;
  /** Parts of all multipart uploads of this storage being sent at once (memory: this many parts). */
  static final int PARTS_IN_FLIGHT = 8;
  private final Semaphore inFlight = new Semaphore(PARTS_IN_FLIGHT);
  /**
   * Objects at least this large are downloaded as ranges of {@link #RANGE_SIZE_DEFAULT}, up to
   * {@link #RANGES_AHEAD} of them fetched ahead of the reader and {@link #RANGES_IN_FLIGHT} for all
   * downloads of this storage (128 MiB of memory at most).
   */
  static final long RANGED_MIN_DEFAULT = 32L << 20;
  static final int RANGE_SIZE_DEFAULT = 16 << 20;
  static final int RANGES_AHEAD = 4;
  static final int RANGES_IN_FLIGHT = 8;
  private final Semaphore rangesInFlight = new Semaphore(RANGES_IN_FLIGHT);
  private long rangedMin = RANGED_MIN_DEFAULT;
  private int rangeSize = RANGE_SIZE_DEFAULT;
  /** Direct buffers of {@code rangeSize} for the ranges, reused by later downloads (at most {@link #RANGES_IN_FLIGHT}). */
  private Queue<ByteBuffer> rangeBuffers = new ConcurrentLinkedQueue<>();
  private ExecutorService partPool;

  S3Storage(S3Properties props) throws StorageException {
    this(props, S3Clients.build(props));
  }

  S3Storage(S3Properties props, S3Clients clients) {
    this.props = props;
    this.s3 = clients.s3();
    this.http = clients.http();
    this.direct = S3Direct.create(s3, clients.endpoint(), http, clients.credentials(), clients.region(), props.bucket())
        .orElse(null);
    this.errors = new S3Errors(props);
    this.uploadHeaders = props.uploadHeaders();
  }

  @Override
  public InputStream open(String key) throws IOException {
    String k = props.objectKey(Keys.check(key));
    try {
      if (direct != null) {
        S3Direct.Response r = direct.get(k);
        if (r.contentLength() >= rangedMin && r.etag() != null) {
          return new CheckedInput(new RangedInput(direct, k, r, rangeSize, RANGES_AHEAD, partPool(), rangesInFlight, rangeBuffers),
              key, r.contentLength());
        }
        return new CheckedInput(r.body(), key, r.contentLength());
      }
      ResponseInputStream<GetObjectResponse> in = s3.get().getObject(r -> r.bucket(props.bucket()).key(k));
      Long length = in.response().contentLength();
      return new CheckedInput(in, key, length == null ? -1 : length);
    } catch (SdkException | IOException e) {
      throw errors.map(e, "read", key);
    }
  }

  @Override
  public AtomicOutput create(String key) {
    return new Upload(key, props.objectKey(Keys.check(key)));
  }

  /** A PutObject request with the configured encryption and ACL ({@link S3Properties#uploadHeaders}). */
  private PutObjectRequest putRequest(String k) {
    return PutObjectRequest.builder().bucket(props.bucket()).key(k)
        .overrideConfiguration(o -> uploadHeaders.forEach(o::putHeader)).build();
  }

  /** A CreateMultipartUpload request with the configured encryption and ACL. */
  private CreateMultipartUploadRequest createRequest(String k) {
    return CreateMultipartUploadRequest.builder().bucket(props.bucket()).key(k)
        .overrideConfiguration(o -> uploadHeaders.forEach(o::putHeader)).build();
  }

  private static RequestBody body(byte[] data, int len) {
    // the SDK reads the body twice over plain HTTP (payload hash, then send): a provider, no copy
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, len), len,
        "application/octet-stream");
  }

  /** Daemon threads for the parts of multipart uploads; created on first use. */
  private synchronized ExecutorService partPool() {
    if (partPool == null) {
      AtomicInteger n = new AtomicInteger();
      partPool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cairn-s3-part-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    return partPool;
  }

  /**
   * An upload streamed as it is written, without a temp file. Up to the multipart threshold the
   * bytes stay in memory and go up in one PutObject on close. Beyond it a multipart upload starts:
   * each full part is uploaded by a pool thread while the writer goes on (at most {@link
   * #PARTS_IN_FLIGHT} parts of all uploads at once, so memory stays bounded), and close() completes
   * the upload only after every part succeeded. Nothing is visible under the key before that; abort()
   * or any failure aborts the multipart upload.
   */
  private final class Upload extends AtomicOutput {
    private final String key;
    private final String k;
    private byte[] buf = new byte[64 * 1024];
    private int len;
    private String uploadId;
    private final List<Future<CompletedPart>> parts = new ArrayList<>();
    private boolean done;

    Upload(String key, String k) {
      this.key = key;
      this.k = k;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
      if (done) {
        throw new IOException("Stream already closed");
      }
      while (n > 0) {
        int limit = uploadId == null ? (int) Math.min(Integer.MAX_VALUE - 16, props.multipartThreshold() + 1)
            : partSize();
        if (len == buf.length) {
          buf = java.util.Arrays.copyOf(buf, (int) Math.min(limit, 2L * buf.length));
        }
        int c = Math.min(n, buf.length - len);
        System.arraycopy(b, off, buf, len, c);
        len += c;
        off += c;
        n -= c;
        if (len >= limit) {
          startOrSendParts();
        }
      }
    }

    /**
     * The size of the next part: the configured size for the first 1,000 parts, then one more time
     * that size every 1,000 parts, so the 10,000 parts S3 allows hold 55,000 configured parts' worth
     * (880 GiB at 16 MiB) while small objects use small parts.
     */
    private int partSize() {
      return (int) Math.min(Integer.MAX_VALUE - 16, props.partSize() * (1 + parts.size() / 1000));
    }

    /** Past the threshold: starts the multipart upload (once) and sends every full part buffered. */
    private void startOrSendParts() throws IOException {
      try {
        if (uploadId == null) {
          uploadId = s3.get().createMultipartUpload(createRequest(k)).uploadId();
        }
        int from = 0;
        for (int size = partSize(); len - from >= size; size = partSize()) {
          send(java.util.Arrays.copyOfRange(buf, from, from + size), size);
          from += size;
        }
        int rest = len - from;
        byte[] next = new byte[Math.max(rest, Math.max(64 * 1024, Math.min(partSize(), buf.length)))];
        System.arraycopy(buf, from, next, 0, rest);
        buf = next;
        len = rest;
      } catch (SdkException e) {
        failed();
        throw errors.map(e, "write", key);
      } catch (IOException | RuntimeException e) {
        failed();
        throw e;
      }
    }

    private void send(byte[] part, int size) throws IOException {
      checkParts();
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("Interrupted during upload of '" + key + "'");
      }
      int number = parts.size() + 1;
      String id = uploadId;
      try {
        parts.add(partPool().submit(() -> {
          try {
            String etag = direct != null ? direct.put(k, part, size, java.util.Map.of(), id, number)
                : s3.get().uploadPart(r -> r.bucket(props.bucket()).key(k).uploadId(id).partNumber(number),
                    body(part, size)).eTag();
            return CompletedPart.builder().partNumber(number).eTag(etag).build();
          } finally {
            inFlight.release();
          }
        }));
      } catch (RuntimeException e) {
        inFlight.release();
        throw e;
      }
    }

    /** Rethrows the failure of a part that already ended, so a writer stops early. */
    private void checkParts() throws IOException {
      for (Future<CompletedPart> f : parts) {
        if (f.isDone()) {
          result(f);
        }
      }
    }

    private CompletedPart result(Future<CompletedPart> f) throws IOException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("Interrupted during upload of '" + key + "'");
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof SdkException se) {
          throw errors.map(se, "write", key);
        }
        if (c instanceof IOException io) {
          throw errors.map(io, "write", key);
        }
        throw new IOException("Upload of '" + key + "' failed: " + c, c);
      }
    }

    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      done = true;
      boolean completed = false;
      try {
        if (uploadId == null && direct != null) {
          direct.put(k, buf, len, uploadHeaders, null, 0);
          completed = true;
          return;
        }
        if (uploadId == null) {
          s3.get().putObject(putRequest(k), body(buf, len));
          completed = true;
          return;
        }
        if (len > 0 || parts.isEmpty()) {
          send(buf, len);
        }
        List<CompletedPart> completedParts = new ArrayList<>(parts.size());
        for (Future<CompletedPart> f : parts) {
          completedParts.add(result(f));
        }
        s3.get().completeMultipartUpload(r -> r.bucket(props.bucket()).key(k).uploadId(uploadId)
            .multipartUpload(m -> m.parts(completedParts)));
        completed = true;
      } catch (SdkException e) {
        throw errors.map(e, "write", key);
      } catch (IOException e) {
        throw errors.map(e, "write", key);
      } finally {
        buf = null;
        if (!completed) {
          failed();
        }
      }
    }

    @Override
    public void abort() {
      if (!done) {
        done = true;
        buf = null;
        failed();
      }
    }

    /** Waits for the parts still running, then aborts the multipart upload (if one was started). */
    private void failed() {
      done = true;
      for (Future<CompletedPart> f : parts) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (java.util.concurrent.ExecutionException ignored) {
          // the upload is aborted anyway
        }
      }
      if (uploadId != null) {
        try {
          s3.get().abortMultipartUpload(r -> r.bucket(props.bucket()).key(k).uploadId(uploadId));
        } catch (SdkException ignored) {
          // the upload is left for the bucket's lifecycle rules; nothing is visible under the key
        }
        uploadId = null;
      }
    }
  }

  /** Sets the ranged-download sizes (tests use small ones); returns this. */
  S3Storage withRanges(long min, int size) {
    this.rangedMin = min;
    this.rangeSize = size;
    this.rangeBuffers = new ConcurrentLinkedQueue<>();
    return this;
  }

  /** Permits for ranges not taken (tests check that a closed download gave all of them back). */
  int freeRangePermits() {
    return rangesInFlight.availablePermits();
  }

  /** The direct request path, or null where every request goes through the SDK client (tests). */
  S3Direct direct() {
    return direct;
  }

  @Override
  public boolean exists(String key) throws IOException {
    return size(key) >= 0;
  }

  @Override
  public long size(String key) throws IOException {
    String k = props.objectKey(Keys.check(key));
    try {
      return direct != null ? direct.head(k) : s3.get().headObject(r -> r.bucket(props.bucket()).key(k)).contentLength();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
        return -1;
      }
      throw errors.map(e, "check", key);
    } catch (SdkException | IOException e) {
      throw errors.map(e, "check", key);
    }
  }

  @Override
  public ObjectInfo info(String key) throws IOException {
    String k = props.objectKey(Keys.check(key));
    try {
      var r = s3.get().headObject(h -> h.bucket(props.bucket()).key(k));
      return new ObjectInfo(r.contentLength(), r.eTag(), null);
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
        return null;
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
      s3.get().deleteObject(r -> r.bucket(props.bucket()).key(k));
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
      for (S3Object o : s3.get().listObjectsV2Paginator(r -> r.bucket(props.bucket()).prefix(strip + prefix)).contents()) {
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
    synchronized (this) {
      if (partPool != null) {
        partPool.shutdownNow();
      }
    }
    s3.close();
    http.close();
  }

  private static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  /**
   * Counts bytes, reports a short body as a retryable error, and maps transport failures; passes
   * the chunks of a {@link RangedInput} through.
   */
  private final class CheckedInput extends FilterInputStream implements ChunkedInput {
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
          throw shortBody();
        }
        return -1;
      }
      read += n;
      return n;
    }

    private StorageException shortBody() {
      return new StorageException("Download of '" + key + "' from " + props.describe() + " ended after " + read
          + " of " + expected + " bytes; try again", null, true);
    }

    @Override
    public boolean chunked() {
      return ChunkedInput.of(in) != null;
    }

    @Override
    public ByteBuffer nextChunk() throws IOException {
      ByteBuffer c;
      try {
        c = ((ChunkedInput) in).nextChunk();
      } catch (IOException | SdkException e) {
        throw errors.map(e, "read", key);
      }
      if (c == null) {
        if (expected >= 0 && read < expected) {
          throw shortBody();
        }
        return null;
      }
      read += c.remaining();
      return c;
    }

    @Override
    public void release(ByteBuffer chunk) {
      ((ChunkedInput) in).release(chunk);
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
        if (expected >= 0 && read < expected && in instanceof software.amazon.awssdk.http.Abortable a) {
          a.abort();
        }
        super.close();
      } catch (IOException | SdkException e) {
        // closing a half-read download: nothing the caller can act on
      }
    }
  }
}
