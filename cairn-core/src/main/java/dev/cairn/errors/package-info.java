/**
 * The checked exception of the library, {@link dev.cairn.errors.CairnException}, whose {@link
 * dev.cairn.errors.CairnException.Kind} tells the CLI's exit code, and the unchecked {@link
 * dev.cairn.errors.CairnInternalException} for bugs. It sits below every capability package, so
 * that their own exceptions (pipeline, repro, exp, metrics) extend it without depending on the
 * porcelain; {@code dev.cairn.api.errors} holds the porcelain's own subclasses.
 */
package dev.cairn.errors;
