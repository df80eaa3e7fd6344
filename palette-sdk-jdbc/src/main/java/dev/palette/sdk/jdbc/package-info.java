/**
 * The reference host persistence: {@link dev.palette.sdk.jdbc.JdbcClusterStore} and
 * {@link dev.palette.sdk.jdbc.JdbcSecretStore} on H2 or PostgreSQL, built with
 * {@link dev.palette.sdk.jdbc.JdbcStores}.
 */
package dev.palette.sdk.jdbc;
