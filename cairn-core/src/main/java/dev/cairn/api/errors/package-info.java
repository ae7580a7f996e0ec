/**
 * Checked exceptions of the porcelain. Plumbing below (odb, storage) throws {@link
 * java.io.IOException} subclasses; each {@code call()} translates them here, keeping the cause.
 */
package dev.cairn.api.errors;
