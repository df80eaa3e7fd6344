/**
 * How the engine reaches the API server of a workload cluster it made: nodes and their conditions,
 * cordon and drain. The core module implements it on fabric8; the testkit simulates it.
 */
package dev.palette.sdk.api.workload;
