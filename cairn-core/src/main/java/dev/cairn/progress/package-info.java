/**
 * Progress reporting, after JGit's {@code ProgressMonitor}: the library reports through {@link
 * dev.cairn.progress.ProgressMonitor} and never prints; {@link
 * dev.cairn.progress.NullProgressMonitor} drops it and {@link
 * dev.cairn.progress.ThreadSafeProgressMonitor} serialises worker threads.
 */
package dev.cairn.progress;
