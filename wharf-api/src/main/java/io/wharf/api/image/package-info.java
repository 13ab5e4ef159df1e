/** Wire records of the image routes ({@code /images/…}). */
package io.wharf.api.image;
