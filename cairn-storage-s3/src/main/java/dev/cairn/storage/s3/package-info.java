/**
 * The {@code s3://bucket/prefix} backend, on the AWS SDK for Java v2. It reads DVC's remote keys
 * ({@code endpointurl}, {@code region}, {@code profile}, {@code access_key_id} …, see
 * {@link dev.cairn.storage.s3.S3Properties}) and otherwise uses the SDK's default credential and
 * region chains. Objects are uploaded with a single {@code PutObject} of a spooled copy, or a
 * multipart upload completed only on close, so a partial object is never visible. SDK exceptions
 * become {@link dev.cairn.storage.StorageException}s with a user-facing message and a truthful
 * retryable flag; no SDK type leaves this package.
 */
package dev.cairn.storage.s3;
