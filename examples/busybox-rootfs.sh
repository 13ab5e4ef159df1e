#!/bin/sh
# busybox-rootfs.sh: writes to stdout a tar of a minimal root filesystem made from Debian's
# busybox-static (/bin/busybox and a link per applet, /etc/passwd, /etc/group), ready for
# `wharf import`. There is no Docker Hub here: this is how Wharf's demos get a base image.
set -eu
busybox=${BUSYBOX:-/bin/busybox}
if [ ! -x "$busybox" ]; then
  echo "busybox-rootfs.sh: $busybox not found; apt-get install busybox-static" >&2
  exit 1
fi
root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/tmp" "$root/proc" "$root/sys" "$root/dev" "$root/var/www"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
chmod 1777 "$root/tmp"
tar --numeric-owner --owner=0 --group=0 -C "$root" -cf - .
