/** Network isolation of clusters: the security rules the engine hands to providers. */
package dev.palette.sdk.core.network;
