#!/usr/bin/env python3
"""Writes a two-layer image as a `docker save` archive (manifest.json, config, layer tars), made
offline and the same for every engine, which each `load`s it.

Layer 1 is the busybox root filesystem tar given with --base plus a marker file (so the layer is
not the busybox image's own and a pull has to download it too); layer 2 holds one file of --mb MB
from /dev/urandom (incompressible, as gzip sees it). --layers-dir keeps the two layer tars (for the
floor figures)."""
import argparse
import hashlib
import io
import json
import os
import tarfile
import time


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="tar of the base root filesystem")
    ap.add_argument("--mb", type=int, required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--layers-dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.layers_dir, exist_ok=True)
    l1 = os.path.join(a.layers_dir, "layer1.tar")
    l2 = os.path.join(a.layers_dir, "layer2.tar")
    now = int(time.time())

    with tarfile.open(a.base) as src, tarfile.open(l1, "w", format=tarfile.PAX_FORMAT) as dst:
        for m in src:
            dst.addfile(m, src.extractfile(m) if m.isreg() else None)
        marker = f"wharf bench image {now}\n".encode()
        info = tarfile.TarInfo("./etc/bench-image")
        info.size, info.mode, info.mtime = len(marker), 0o644, now
        dst.addfile(info, io.BytesIO(marker))

    data = os.path.join(a.layers_dir, "random.bin")
    with open("/dev/urandom", "rb") as rnd, open(data, "wb") as f:
        for _ in range(a.mb):
            f.write(rnd.read(1048576))
    with tarfile.open(l2, "w", format=tarfile.PAX_FORMAT) as dst:
        info = dst.gettarinfo(data, "random.bin")
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = now
        with open(data, "rb") as f:
            dst.addfile(info, f)
    os.unlink(data)

    diff_ids = ["sha256:" + sha256_file(p) for p in (l1, l2)]
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "created": created,
        "config": {"Cmd": ["sh"], "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created": created, "created_by": "busybox root filesystem"},
                    {"created": created, "created_by": f"{a.mb} MB from /dev/urandom"}],
    }, separators=(",", ":")).encode()
    config_hex = hashlib.sha256(config).hexdigest()
    layer_names = [f"{d[7:]}/layer.tar" for d in diff_ids]
    manifest = json.dumps([{"Config": f"{config_hex}.json", "RepoTags": [a.tag], "Layers": layer_names}]).encode()

    with tarfile.open(a.out, "w") as out:
        def add(name, data=None, path=None):
            info = tarfile.TarInfo(name)
            info.mode, info.mtime = 0o644, now
            if path:
                info.size = os.path.getsize(path)
                with open(path, "rb") as f:
                    out.addfile(info, f)
            else:
                info.size = len(data)
                out.addfile(info, io.BytesIO(data))
        for d in diff_ids:
            dirinfo = tarfile.TarInfo(d[7:])
            dirinfo.type, dirinfo.mode, dirinfo.mtime = tarfile.DIRTYPE, 0o755, now
            out.addfile(dirinfo)
        for name, path in zip(layer_names, (l1, l2)):
            add(name, path=path)
        add(f"{config_hex}.json", config)
        add("manifest.json", manifest)


if __name__ == "__main__":
    main()
