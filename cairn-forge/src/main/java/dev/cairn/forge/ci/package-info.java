/**
 * Reads the CI environment: which forge and repository a run belongs to, its pull request, commit,
 * base branch and run URL, and which token to use. The environment is always passed in as a map
 * ({@code System.getenv()} at the edge, a literal map in tests); nothing here reads it itself.
 */
package dev.cairn.forge.ci;
