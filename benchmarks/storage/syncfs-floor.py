#!/usr/bin/env python3
"""What group commit could save: one recorded call's files (as ForceFloor makes them) made durable by
per-file fsyncs (8 per call, the WAV sink today) or by one syncfs(2) of the whole file system shared by
a batch of calls (not in the JDK 17 API; here through libc). Machine-wide CPU (/proc/stat) per call,
which counts the kernel's writeback wherever it runs. Prints figures, asserts nothing.

    benchmarks/storage/syncfs-floor.py [dir on the recordings' file system] [calls per run]
"""
import ctypes, os, sys, time

libc = ctypes.CDLL("libc.so.6", use_errno=True)
base = sys.argv[1] if len(sys.argv) > 1 else "/tmp/siprec-syncfs-floor"
calls = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
os.makedirs(base, exist_ok=True)

def busy():
    f = list(map(int, open("/proc/stat").readline().split()[1:]))
    return (f[0] + f[1] + f[2] + f[5] + f[6]) / os.sysconf("SC_CLK_TCK")

def fsync_path(p):
    fd = os.open(p, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

def call(day, i, per_file):
    d = os.path.join(day, "call-%07d" % i)
    os.mkdir(d)
    fds = []
    for name, size in (("stream-1.wav", 364), ("stream-2.wav", 364), ("stereo.wav", 364),
                       ("metadata-1.xml", 2200), ("session.json.tmp", 2600)):
        fd = os.open(os.path.join(d, name), os.O_CREAT | os.O_WRONLY, 0o644)
        os.write(fd, b"x" * size)
        fds.append(fd)
    if per_file:
        for fd in fds:
            os.fsync(fd)
    for fd in fds:
        os.close(fd)
    os.rename(os.path.join(d, "session.json.tmp"), os.path.join(d, "session.json"))
    if per_file:
        fsync_path(d)
        fsync_path(d)
        fsync_path(day)

def run(mode, batch):
    day = os.path.join(base, "%s-%d-%d" % (mode, batch, time.time_ns()))
    os.mkdir(day)
    c0, t0 = busy(), time.time()
    for i in range(calls):
        call(day, i, mode == "fsync")
        if mode == "syncfs" and (i + 1) % batch == 0:
            fd = os.open(day, os.O_RDONLY)
            if libc.syncfs(fd) != 0:
                raise OSError(ctypes.get_errno(), "syncfs")
            os.close(fd)
    c1, t1 = busy(), time.time()
    print("%-7s batch %3d  machine CPU %6.0f us/call  wall %6.0f us/call" % (mode, batch, (c1 - c0) / calls * 1e6, (t1 - t0) / calls * 1e6))

print("syncfs-floor: %d calls per run in %s, load %s" % (calls, base, open("/proc/loadavg").read().strip()))
run("none", 1)  # warm-up
for _ in range(2):
    run("none", 1)
    run("fsync", 1)
    for b in (1, 5, 20):
        run("syncfs", b)
print("load after: %s" % open("/proc/loadavg").read().strip())
