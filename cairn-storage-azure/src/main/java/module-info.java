/** The Azure Blob remote (azure-storage-blob, kept inside this module), a storage provider for {@code azure://} URLs. */
module dev.cairn.storage.azure {
  requires com.azure.core;
  requires com.azure.storage.blob;
  requires com.azure.storage.common;
  requires dev.cairn.storage;

  provides dev.cairn.storage.StorageProvider with dev.cairn.storage.azure.AzureStorageProvider;
}
