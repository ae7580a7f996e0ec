package dev.cairn.storage;

/** The requested key does not exist in the storage. */
public class ObjectNotFoundException extends StorageException {
  public ObjectNotFoundException(String message) {
    super(message);
  }
}
