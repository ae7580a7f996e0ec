package dev.cairn.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.cairn.storage.Keys;
import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.SpooledOutput;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsInfo;
import dev.cairn.storage.SupportsListing;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A {@link Storage} over one blob container and name prefix. Uploads are spooled and written on
 * close as block blobs: small ones with a single Put Blob, large ones as staged blocks that only
 * become the blob when the block list is committed, so a partial object is never visible.
 */
final class AzureStorage implements SupportsInfo, Storage, SupportsListing {
  private final AzureProperties props;
  private final AzureErrors errors;
  private final BlobContainerClient container;

  AzureStorage(AzureProperties props) throws StorageException {
    this.props = props;
    this.errors = new AzureErrors(props);
    BlobServiceClientBuilder b = new BlobServiceClientBuilder();
    try {
      if (props.connectionString() != null) {
        b.connectionString(props.connectionString());
      } else {
        b.endpoint("https://" + props.accountName() + ".blob.core.windows.net");
        if (props.accountKey() != null) {
          b.credential(new StorageSharedKeyCredential(props.accountName(), props.accountKey()));
        } else if (props.sasToken() != null) {
          b.sasToken(props.sasToken());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new StorageException("Invalid Azure credentials for " + props.describe()
          + ": check the connection string or account key format", null, false);
    }
    HttpClientOptions http = new HttpClientOptions();
    if (props.connectTimeout() != null) {
      http.setConnectTimeout(props.connectTimeout());
    }
    if (props.readTimeout() != null) {
      http.setReadTimeout(props.readTimeout());
      http.setResponseTimeout(props.readTimeout());
    }
    b.clientOptions(http);
    b.retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, props.timeout(), Duration.ofMillis(200),
        Duration.ofSeconds(2), null));
    this.container = b.buildClient().getBlobContainerClient(props.container());
  }

  private BlobClient blob(String key) {
    return container.getBlobClient(props.blobName(Keys.check(key)));
  }

  @Override
  public InputStream open(String key) throws IOException {
    BlobClient blob = blob(key);
    InputStream in;
    try {
      in = blob.openInputStream();
    } catch (RuntimeException e) {
      throw errors.map(e, "read", key);
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException | RuntimeException e) {
          throw errors.map(e, "read", key);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (IOException | RuntimeException e) {
          throw errors.map(e, "read", key);
        }
      }
    };
  }

  @Override
  public AtomicOutput create(String key) {
    BlobClient blob = blob(key);
    return new SpooledOutput() {
      @Override
      protected void publish(Spool spool) throws IOException {
        try {
          if (spool.file() != null) {
            blob.uploadFromFile(spool.file().toString(), true);
          } else {
            blob.upload(BinaryData.fromBytes(spool.bytes()), true);
          }
        } catch (RuntimeException e) {
          throw errors.map(e, "write", key);
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
    BlobClient blob = blob(key);
    try {
      return blob.getProperties().getBlobSize();
    } catch (BlobStorageException e) {
      StorageException mapped = errors.map(e, "check", key);
      if (mapped instanceof ObjectNotFoundException) {
        return -1;
      }
      throw mapped;
    } catch (RuntimeException e) {
      throw errors.map(e, "check", key);
    }
  }

  @Override
  public ObjectInfo info(String key) throws IOException {
    BlobClient blob = blob(key);
    try {
      var p = blob.getProperties();
      byte[] md5 = p.getContentMd5();
      return new ObjectInfo(p.getBlobSize(), p.getETag(),
          md5 == null ? null : java.util.Base64.getEncoder().encodeToString(md5));
    } catch (BlobStorageException e) {
      StorageException mapped = errors.map(e, "check", key);
      if (mapped instanceof ObjectNotFoundException) {
        return null;
      }
      throw mapped;
    } catch (RuntimeException e) {
      throw errors.map(e, "check", key);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    BlobClient blob = blob(key);
    try {
      blob.deleteIfExists();
    } catch (RuntimeException e) {
      throw errors.map(e, "delete", key);
    }
  }

  @Override
  public void list(String prefix, Consumer<String> sink) throws IOException {
    String strip = props.prefix().isEmpty() ? "" : props.prefix() + "/";
    try {
      for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(strip + prefix), null)) {
        if (item.getName().startsWith(strip)) {
          sink.accept(item.getName().substring(strip.length()));
        }
      }
    } catch (StopListing stop) {
      // the sink has seen enough
    } catch (RuntimeException e) {
      throw errors.map(e, "list", null);
    }
  }

  @Override
  public String describe() {
    return props.describe();
  }

  @Override
  public void close() {
    // the SDK's shared HTTP client outlives single storages
  }
}
