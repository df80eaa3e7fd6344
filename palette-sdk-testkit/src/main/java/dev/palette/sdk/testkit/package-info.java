/**
 * Test tooling for the SDK and for provider authors: the {@code sim} provider (an in-memory cloud with
 * simulated workload clusters and fault injection), a {@link dev.palette.sdk.testkit.VirtualClock} that
 * runs a cluster's whole life without sleeping, and {@link dev.palette.sdk.testkit.SimHarness} to drive an
 * engine on it.
 */
package dev.palette.sdk.testkit;
