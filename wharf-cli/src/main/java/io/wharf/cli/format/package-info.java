/**
 * {@code --format}: Go's text/template as the docker CLI uses it (with docker's functions),
 * Go's value printing, the {@code table}/{@code json} formats and Go's tabwriter layout, and
 * docker's human units.
 */
package io.wharf.cli.format;
