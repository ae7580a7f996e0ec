/** Test kit: the in-process HTTP stub of a forge and a fake clock/sleeper. */
package dev.cairn.forge.stub;
