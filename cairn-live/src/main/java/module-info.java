/** DVCLive-compatible logging for training code; depends on nothing. */
module dev.cairn.live {
  exports dev.cairn.live;
}
