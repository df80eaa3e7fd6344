/**
 * Support bundles of workload clusters: what a log bundle holds, how it is asked for and followed.
 */
package dev.palette.sdk.core.bundle;
