/**
 * {@link dev.palette.sdk.provider.vsphere.internal.vim.VimClient} over yavijava, the vim25 SOAP library: the only
 * package of the provider that sees yavijava's types.
 */
package dev.palette.sdk.provider.vsphere.internal.vim.yavijava;
