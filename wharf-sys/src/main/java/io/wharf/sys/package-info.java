/**
 * Linux system calls through {@code java.lang.foreign}: the only place in Wharf that calls
 * native code. Each call turns a failure into an {@link java.io.IOException} naming the path
 * and the errno's text. Containers get their network here too, without {@code ip} processes:
 * {@link io.wharf.sys.Namespaces} makes and enters network namespaces, {@link io.wharf.sys.Netlink}
 * makes bridges, veth pairs, addresses and routes through rtnetlink.
 */
package io.wharf.sys;
