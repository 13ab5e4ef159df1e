/**
 * The OCI distribution protocol, apart from the engine: {@code registry.server} is
 * {@code wharf registry serve}, {@code registry.client} pulls and pushes for wharfd.
 */
package io.wharf.registry;
