/**
 * The {@code ssh://[user@]host[:port]/path} backend (SFTP, as DVC's SSH remotes) on Apache MINA
 * SSHD. Authentication by {@code password} or {@code keyfile} (with {@code passphrase}); objects
 * are written to a hidden temp name in the target directory and renamed into place on close, so
 * a partial object is never visible. Like DVC, the server's host key is not checked against
 * {@code known_hosts}.
 */
package dev.cairn.storage.sftp;
