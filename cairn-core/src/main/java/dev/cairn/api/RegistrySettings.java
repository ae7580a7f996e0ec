package dev.cairn.api;

import dev.cairn.progress.ProgressMonitor;
import dev.cairn.registry.GitAccess;
import dev.cairn.registry.Registry;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.Storage;
import dev.cairn.transfer.TransferOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The options every registry command shares (Git access, clone cache, parallelism, retries). */
final class RegistrySettings {
  GitAccess access;
  Path cloneCache;
  int jobs;
  RetryPolicy retry = RetryPolicy.transfers();
  UnaryOperator<Storage> decorator = UnaryOperator.identity();

  void jobs(int j) {
    if (j < 0) {
      throw new IllegalArgumentException("jobs must not be negative");
    }
    jobs = j;
  }

  void retry(RetryPolicy p) {
    retry = Objects.requireNonNull(p);
  }

  void decorator(UnaryOperator<Storage> d) {
    decorator = Objects.requireNonNull(d);
  }

  /** A registry reader with these settings; the caller closes it. */
  Registry registry(Map<String, String> env, ProgressMonitor monitor) {
    Registry r = new Registry(env).setTransferOptions(new TransferOptions(jobs == 0 ? TransferOptions.defaultJobs() : jobs,
        retry)).setStorageDecorator(decorator).setProgressMonitor(monitor);
    if (access != null) {
      r.setGitAccess(access);
    }
    if (cloneCache != null) {
      r.setCloneCache(cloneCache);
    }
    return r;
  }
}
