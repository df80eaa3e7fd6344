/**
 * The provider's own small interface to vCenter ({@link dev.palette.sdk.provider.vsphere.internal.vim.VimClient})
 * and its value types; the SOAP library behind it lives in a subpackage of its own.
 */
package dev.palette.sdk.provider.vsphere.internal.vim;
