/**
 * Pack registries: where packs come from. A host may plug in its own (a private registry) next to the
 * SDK's folder-backed and in-memory ones.
 */
package dev.palette.sdk.api.registry;
