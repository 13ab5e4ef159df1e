/** Wire records of the system routes ({@code /_ping}, {@code /version}, {@code /info}). */
package io.wharf.api.system;
