/**
 * Bitbucket Cloud through REST API 2.0: pull request, commit and issue comments (all editable) and
 * images stored in the repository's Downloads (visible only to those who can see a private
 * repository). Bitbucket Server / Data Center is a different API and is not supported.
 */
package dev.cairn.forge.bitbucket;
