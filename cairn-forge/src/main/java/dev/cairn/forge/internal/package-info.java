/**
 * Shared plumbing of the forge clients: the retrying REST client with its status-to-exception
 * mapping, multipart bodies, Link-header paging and the create-or-update algorithm. Public only
 * because the forge subpackages use it; not API, may change without notice.
 */
package dev.cairn.forge.internal;
