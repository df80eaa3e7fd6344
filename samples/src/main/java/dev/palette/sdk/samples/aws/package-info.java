/** A sample that provisions a cluster on real AWS with the {@code aws} provider (not run by the tests). */
package dev.palette.sdk.samples.aws;
