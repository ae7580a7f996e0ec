/**
 * Gitea and Forgejo through REST API v1: pull requests are issues, so comments go through the issue
 * comment endpoints; images become attachments of the pull request or issue. Gitea has no commit
 * comments, so {@code auto} needs a pull request.
 */
package dev.cairn.forge.gitea;
