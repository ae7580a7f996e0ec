/**
 * Moving cache objects between the local cache ({@link dev.cairn.odb.ObjectDb}) and a remote
 * {@link dev.cairn.storage.Storage}: planning (which objects a set of outputs needs, what the remote
 * already has, decided as DVC does in dvc-format.md §3.3), parallel copies with bounded retries, and
 * the ordering rule that makes remotes trustworthy: a {@code .dir} manifest is uploaded only after
 * every file it lists is on the remote. Downloads go through {@link
 * dev.cairn.odb.ObjectDb#insertStream}, so nothing unverified enters the cache.
 *
 * <p>Errors: plumbing methods throw {@link java.io.IOException} subclasses for failures of the whole
 * operation (the remote cannot be queried); failures of single objects are collected in {@link
 * dev.cairn.transfer.TransferResult} instead, so one bad object never hides the others.
 */
package dev.cairn.transfer;
