/**
 * The storage SPI: a narrow object-store interface ({@link dev.cairn.storage.Storage}), optional
 * abilities as {@code Supports*} interfaces, and providers found by URL scheme through
 * {@link java.util.ServiceLoader} ({@link dev.cairn.storage.Storages}). Cloud SDK types never appear
 * here; each backend lives in its own module. Errors are {@link java.io.IOException} subclasses:
 * {@link dev.cairn.storage.StorageException} (user-facing message, retryable flag) and
 * {@link dev.cairn.storage.ObjectNotFoundException}.
 *
 * <p>Helpers for backends: {@link dev.cairn.storage.Keys} validates keys,
 * {@link dev.cairn.storage.SpooledOutput} buffers an upload (memory, then a temp file) and hands it
 * over whole on close, and {@link dev.cairn.storage.Redact} keeps credentials out of URLs and
 * messages.
 */
package dev.cairn.storage;
