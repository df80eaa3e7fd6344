/**
 * Reconcilers a host can register with the engine, and the immutable result they return.
 */
package dev.palette.sdk.api.reconcile;
