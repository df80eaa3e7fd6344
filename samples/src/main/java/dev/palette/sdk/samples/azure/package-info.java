/** A sample that provisions a cluster on real Azure with the {@code azure} provider (not run by the tests). */
package dev.palette.sdk.samples.azure;
