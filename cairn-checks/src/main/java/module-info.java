/** Model checks for JUnit tests of a model; depends on nothing. */
module dev.cairn.checks {
  exports dev.cairn.checks;
}
