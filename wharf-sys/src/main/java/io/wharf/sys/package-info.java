/**
 * Linux system calls through {@code java.lang.foreign}: the only place in Wharf that calls
 * native code. Each call turns a failure into an {@link java.io.IOException} naming the path
 * and the errno's text.
 */
package io.wharf.sys;
