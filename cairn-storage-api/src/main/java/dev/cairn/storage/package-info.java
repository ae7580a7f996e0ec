/**
 * The storage SPI: a narrow object-store interface ({@link dev.cairn.storage.Storage}), optional
 * abilities as {@code Supports*} interfaces, and providers found by URL scheme through
 * {@link java.util.ServiceLoader} ({@link dev.cairn.storage.Storages}). Cloud SDK types never appear
 * here; each backend lives in its own module. Errors are {@link java.io.IOException} subclasses:
 * {@link dev.cairn.storage.StorageException} (user-facing message, retryable flag) and
 * {@link dev.cairn.storage.ObjectNotFoundException}.
 */
package dev.cairn.storage;
