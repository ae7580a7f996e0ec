package dev.cairn.transfer;

import dev.cairn.storage.Storage;
import dev.cairn.storage.SupportsListing;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** A storage that passes every call to another; test wrappers override what they watch or break. */
public class ForwardingStorage implements Storage, SupportsListing {
  protected final Storage delegate;

  public ForwardingStorage(Storage delegate) {
    this.delegate = delegate;
  }

  @Override
  public InputStream open(String key) throws IOException {
    return delegate.open(key);
  }

  @Override
  public AtomicOutput create(String key) throws IOException {
    return delegate.create(key);
  }

  @Override
  public boolean exists(String key) throws IOException {
    return delegate.exists(key);
  }

  @Override
  public long size(String key) throws IOException {
    return delegate.size(key);
  }

  @Override
  public void delete(String key) throws IOException {
    delegate.delete(key);
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void list(String prefix, Consumer<String> sink) throws IOException {
    ((SupportsListing) delegate).list(prefix, sink);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
