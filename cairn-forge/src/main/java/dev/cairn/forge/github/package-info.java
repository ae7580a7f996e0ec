/**
 * GitHub and GitHub Enterprise Server through the REST API (version 2022-11-28): pull request and
 * issue comments through the issues endpoints, commit comments, and images committed to the {@code
 * cairn-assets} branch through the Git Data API (GitHub has no upload API for comments).
 */
package dev.cairn.forge.github;
