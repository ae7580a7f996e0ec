/**
 * Bitbucket Server and Data Center through its REST API ({@code /rest/api/1.0/...}, described by
 * Atlassian's published OpenAPI document for Bitbucket Data Center), which differs from Bitbucket
 * Cloud's: pull request and commit comments (edited with their {@code version}), build statuses
 * as checks, pull requests and, from 8.15, auto-merge. Its REST API documents no attachment
 * upload, so images are not hosted here.
 */
package dev.cairn.forge.bitbucketserver;
