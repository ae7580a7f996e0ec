/** How remote calls are retried and how the waiting is done; shared by transfers and forge clients. */
module dev.cairn.retry {
  exports dev.cairn.retry;
}
