/**
 * Resource usage of running clusters: the figures now, a bounded history for charts, and the thresholds
 * that make sustained high usage a health problem.
 */
package dev.palette.sdk.core.usage;
