/**
 * Spring Boot auto-configuration of the Palette SDK engine: {@link dev.palette.sdk.spring.boot.PaletteAutoConfiguration}
 * and its {@code palette.*} properties ({@link dev.palette.sdk.spring.boot.PaletteProperties}).
 */
package dev.palette.sdk.spring.boot;
