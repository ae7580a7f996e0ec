/**
 * Test support for storage backends: {@link dev.cairn.storage.testkit.StorageContractTest}, the
 * behaviour every {@link dev.cairn.storage.Storage} must show, and
 * {@link dev.cairn.storage.testkit.FaultProxy}, a loopback proxy that injects server errors,
 * connection resets and delays between a client and a real server. Used in test scope only.
 */
package dev.cairn.storage.testkit;
