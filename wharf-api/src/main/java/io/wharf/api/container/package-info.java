/** Wire records of the container routes ({@code /containers/…}). */
package io.wharf.api.container;
