/**
 * The contract every cloud provider must pass: extend
 * {@link dev.palette.sdk.testkit.contract.ProviderContractTest} in the provider module's tests.
 */
package dev.palette.sdk.testkit.contract;
