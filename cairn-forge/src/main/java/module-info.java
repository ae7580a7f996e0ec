/**
 * Pull-request comment clients (GitHub, GitLab, Gitea, Bitbucket, Azure DevOps), CI detection and
 * image hosting; takes Markdown, never core types. {@code dev.cairn.forge.internal} is not exported.
 */
module dev.cairn.forge {
  requires com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive dev.cairn.retry;
  requires transitive java.net.http;

  exports dev.cairn.forge;
  exports dev.cairn.forge.azure;
  exports dev.cairn.forge.bitbucket;
  exports dev.cairn.forge.bitbucketserver;
  exports dev.cairn.forge.ci;
  exports dev.cairn.forge.gitea;
  exports dev.cairn.forge.github;
  exports dev.cairn.forge.gitlab;
}
