/**
 * Immutable model records: packs and cluster profiles (what a cluster is made of), cluster specs
 * (what the user wants), and cluster status (what the engine observed and did). Each record with more
 * than a few fields has a builder and {@code toBuilder()} for edits.
 */
package dev.palette.sdk.api.model;
