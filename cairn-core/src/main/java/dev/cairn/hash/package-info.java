/**
 * Content hashes as DVC records them: {@link dev.cairn.hash.HashInfo} (the one type for a cache
 * object's hash, {@code md5} or legacy {@code md5-dos2unix}), {@link dev.cairn.hash.EntryHash} (the
 * one type for a hash with its meta, as {@code .dvc} files and {@code dvc.lock} entries record it)
 * and {@link dev.cairn.hash.Hashing} (MD5 of files and bytes, DVC 2's dos2unix rule). Hot path:
 * nothing here allocates per chunk.
 */
package dev.cairn.hash;
