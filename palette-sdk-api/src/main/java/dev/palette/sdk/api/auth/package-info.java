/**
 * Tenancy and roles: who may do what. Tenants contain projects; every cluster belongs to one project.
 * A {@link dev.palette.sdk.api.auth.Principal} carries its tenant and its role bindings; the engine's
 * authorized facades check each call against them.
 */
package dev.palette.sdk.api.auth;
