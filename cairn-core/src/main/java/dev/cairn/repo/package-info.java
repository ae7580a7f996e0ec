/**
 * An open repository ({@link dev.cairn.repo.Repo}: root, configuration, cache, state cache,
 * {@code .dvcignore}) and the way every operation runs on it ({@link dev.cairn.repo.Repo#call}: the
 * lock for writers, plumbing exceptions translated into {@code CairnException}s). Below the
 * capability packages that work on a whole repository (repro, exp, revision) and the porcelain.
 */
package dev.cairn.repo;
