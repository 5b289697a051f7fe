#!/usr/bin/env bash
# Concurrent SIPREC + SRTP calls against the assembled distribution, with the single-process load
# generator (dev.siprec.benchmarks.load.LoadGenerator). For each concurrency: a fresh copy of
# runtime/target/siprec on 127.0.0.1 (free ports, max.sessions raised, media ports 10000-29999, below
# the ephemeral range the generator's sockets use), the calls ramped at RATE/s, every call held HOLD s
# after the ramp, BYE, then the recordings checked (loss < MAX_LOSS %, authFailed 0, WAV lengths).
# Prints the generator's report; the server copy (and its recordings) is deleted unless --keep.
#   benchmarks/load/run.sh [--calls "250 500 1000 1500"] [--rate 50] [--hold 30] [--pacers 1]
#                          [--codec PCMU] [--max-loss 0.01] [--logs /tmp/siprec-load-logs] [--keep] [--srtp-check]
# The server runs in a session of its own (setsid), as a service would: with the kernel's autogroup
# scheduling (/proc/sys/kernel/sched_autogroup_enabled) the generator and the server then each get a
# fair share of the CPU instead of splitting one. Each run's server log is copied to the logs folder.
# Needs: mvn -B -o -q -DskipTests package (benchmarks/target/benchmarks.jar, runtime/target/siprec);
# --srtp-check also needs gcc and libsrtp2-dev (checks the generator's SRTP sender with libsrtp first).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
jar="$top/benchmarks/target/benchmarks.jar"; dist="$top/runtime/target/siprec"
calls="250 500 1000 1500"; rate=50; hold=30; pacers=1; codec=PCMU; maxloss=0.01; keep=false; srtpcheck=false
logs=/tmp/siprec-load-logs
while [ $# -gt 0 ]; do
  case "$1" in
    --calls) calls=$2; shift ;;
    --rate) rate=$2; shift ;;
    --hold) hold=$2; shift ;;
    --pacers) pacers=$2; shift ;;
    --codec) codec=$2; shift ;;
    --max-loss) maxloss=$2; shift ;;
    --logs) logs=$2; shift ;;
    --keep) keep=true ;;
    --srtp-check) srtpcheck=true ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -f "$jar" ] || [ ! -d "$dist" ]; then
  echo "build first: mvn -B -o -q -DskipTests package (missing $jar or $dist)" >&2; exit 1
fi
ulimit -n "$(ulimit -Hn)"

if $srtpcheck; then
  tmp=$(mktemp -d)
  gcc -O2 -o "$tmp/srtp_check" "$here/srtp_check.c" $(pkg-config --cflags --libs libsrtp2)
  echo "=== SRTP sender vs libsrtp (300 packets across the 65535 rollover)"
  java -cp "$jar" dev.siprec.benchmarks.load.SrtpDump 300 65400 | "$tmp/srtp_check"
  rm -rf "$tmp"
fi

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); t=socket.socket(); t.bind(("127.0.0.1", s.getsockname()[1])); print(s.getsockname()[1])'; }

wait_options() { # port: until the server answers OPTIONS over UDP with 200
  python3 - "$1" <<'PY'
import socket, sys, time
port = int(sys.argv[1]); s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); s.settimeout(0.5)
lp = s.getsockname()[1]; deadline = time.time() + 90
while time.time() < deadline:
    msg = (f"OPTIONS sip:srs@127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{lp};branch=z9hG4bK{int(time.time()*1e6)}\r\n"
           f"From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:srs@127.0.0.1>\r\nCall-ID: probe-{time.time()}\r\nCSeq: 1 OPTIONS\r\n"
           "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
    s.sendto(msg.encode(), ("127.0.0.1", port))
    try:
        if s.recv(65535).startswith(b"SIP/2.0 200"):
            sys.exit(0)
    except socket.timeout:
        pass
sys.exit(1)
PY
}

for n in $calls; do
  work=$(mktemp -d /tmp/siprec-load-XXXXXX); home="$work/siprec"
  cp -a "$dist" "$home"; rm -rf "$home/data/cache"
  etc="$home/etc"; sip=$(free_port)
  for f in "$etc"/*.cfg; do sed -i "s/^port=.*/port=$(free_port)/; s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$(free_port)/; s/^bind.address=.*/bind.address=127.0.0.1/" "$f"; done
  sed -i "s/^port=.*/port=$sip/" "$etc/dev.siprec.transport.udp-default.cfg"
  sed -i "s/^org.osgi.service.http.port=.*/org.osgi.service.http.port=$(free_port)/" "$etc/config.properties"
  cat > "$etc/dev.siprec.session.cfg" <<CFG
max.sessions=$((n + 500))
CFG
  cat > "$etc/dev.siprec.media.cfg" <<CFG
bind.address=127.0.0.1
advertised.address=127.0.0.1
rtp.port.min=10000
rtp.port.max=29999
CFG
  echo; echo "=== $n calls at $rate/s, hold $hold s ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, open files $(ulimit -n))"
  # bin/siprec execs java, so the pid the shell writes is the server's
  (cd "$home" && exec setsid sh -c 'echo $$ > server.pid; exec bin/siprec --headless' > "$work/server.log" 2>&1) &
  sleep 2
  spid=$(cat "$home/server.pid")
  if ! wait_options "$sip"; then echo "server did not answer OPTIONS on $sip; log: $work/server.log"; kill "$spid"; exit 1; fi
  # OPTIONS is answered as soon as the UDP transport is up, before the SIPREC handler and the SRTP
  # suites are registered (INVITEs then get 420 or 488): wait for both in the log, then let start-up settle
  log="$home/log/siprec.log"
  for _ in $(seq 240); do
    if grep -q "SIP request handler .*Siprec.* bound" "$log" 2>/dev/null \
       && grep -q "SRTP suite AES_CM_128_HMAC_SHA1_80 added" "$log" 2>/dev/null; then break; fi
    sleep 0.5
  done
  sleep 5
  set +e
  java -Xms256m -Xmx1g -cp "$jar" dev.siprec.benchmarks.load.LoadGenerator --server "127.0.0.1:$sip" --calls "$n" \
       --rate "$rate" --hold "$hold" --pacers "$pacers" --codec "$codec" --server-pid "$spid" \
       --recordings "$home/data/recordings" --max-loss "$maxloss"
  rc=$?
  set -e
  echo "server log: $(grep -c '| ERROR ' "$log") ERROR, $(grep -c '| WARN ' "$log") WARN lines; refusals:"
  grep -o 'recording INVITE refused: .*' "$log" | sed 's/Call-ID [^,]*, from [^:]*:[0-9]*: //' | cut -c1-150 \
    | sort | uniq -c | sort -rn | head -5 || true
  grep '| ERROR \|| WARN ' "$log" | cut -d'|' -f4- | sed 's/session [^ ]*: /session S: /; s/[0-9][0-9]* samples/N samples/' \
    | cut -c1-160 | sort | uniq -c | sort -rn | head -5 || true
  kill "$spid"; for _ in $(seq 60); do [ -d "/proc/$spid" ] || break; sleep 0.5; done
  mkdir -p "$logs"; cp "$log" "$logs/server-$n-$(date -u +%H%M%S).log"
  if $keep; then echo "kept: $work"; else rm -rf "$work"; fi
  echo "=== exit $rc"
done
