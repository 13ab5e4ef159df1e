/** The wire records of the {@code /networks} routes. */
package io.wharf.api.network;
