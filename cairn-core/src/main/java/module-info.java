/**
 * The core library: the porcelain ({@code dev.cairn.api}) and the capabilities it composes (see
 * docs/architecture.md, "Who owns what"). {@code dev.cairn.internal} is not exported.
 */
module dev.cairn.core {
  requires transitive dev.cairn.retry;
  requires transitive dev.cairn.storage;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.toml;
  requires com.sun.jna;
  requires java.net.http;
  requires jdk.unsupported;
  requires transitive org.eclipse.jgit; // Repository and ObjectId are in exported signatures
  requires org.slf4j; // not used here: JGit, an automatic module, logs through it
  requires org.snakeyaml.engine.v2;

  exports dev.cairn.api;
  exports dev.cairn.api.errors;
  exports dev.cairn.config;
  exports dev.cairn.errors;
  exports dev.cairn.exp;
  exports dev.cairn.format;
  exports dev.cairn.hash;
  exports dev.cairn.merge;
  exports dev.cairn.metrics;
  exports dev.cairn.odb;
  exports dev.cairn.pipeline;
  exports dev.cairn.plots;
  exports dev.cairn.progress;
  exports dev.cairn.queue;
  exports dev.cairn.registry;
  exports dev.cairn.repo;
  exports dev.cairn.repro;
  exports dev.cairn.revision;
  exports dev.cairn.transfer;
  exports dev.cairn.workspace;
  exports dev.cairn.wrapper;

  // batch executors of the experiment queue, found by name (Slurm's is built in)
  uses dev.cairn.queue.BatchEngineProvider;
  provides dev.cairn.queue.BatchEngineProvider with dev.cairn.queue.slurm.SlurmProvider;
}
