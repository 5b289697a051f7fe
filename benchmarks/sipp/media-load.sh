#!/usr/bin/env bash
# Whole-server media load: SIPp places SIPREC calls; after each ACK two libsrtp-based senders
# (itests/src/test/c/rtp_sender.c) stream 20 ms PCMU to the answered ports; at the end, loss is
# summed from every session.json. Run against a server started from runtime/target/siprec.
#   benchmarks/sipp/media-load.sh <sip udp port> <server home> <calls/s> <calls> <seconds per call>
set -euo pipefail
port=$1; home=$2; rate=$3; calls=$4; seconds=$5
here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
gcc -O2 -o "$work/rtp_sender" "$top/itests/src/test/c/rtp_sender.c" $(pkg-config --cflags --libs libsrtp2) -lm
cat > "$work/launch.sh" <<SH
#!/bin/sh
"$work/rtp_sender" "\$1" "\$2" 440 $((seconds * 1000)) 1111 > /dev/null 2>&1 &
"$work/rtp_sender" "\$1" "\$3" 1000 $((seconds * 1000)) 2222 > /dev/null 2>&1 &
SH
chmod +x "$work/launch.sh"
sipp="$top/itests/src/test/resources/sipp"
python3 - "$sipp" "$work" "$seconds" <<'PY'
import sys
sipp, work, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
t = open(sipp + '/siprec-call.xml.template').read()
bye = open(sipp + '/ending-client-bye.xml.part').read().replace('@PAUSE_MS@', str(seconds * 1000 + 700))
t = t.replace('@ENDING@', bye).replace('@PROTO@', 'RTP/AVP').replace('@CRYPTO1@', '').replace('@CRYPTO2@', '')
t = t.replace('@LAUNCHER@', work + '/launch.sh')
open(work + '/scenario.xml', 'w').write(t)
PY
before=$(date +%s)
sipp -sf "$work/scenario.xml" -t u1 -i 127.0.0.1 -p 16070 -r "$rate" -m "$calls" -l "$calls" -nostdin \
     -timeout $((calls / rate + seconds * 3 + 60))s 127.0.0.1:"$port" > "$work/sipp.log" 2>&1 || true
grep -E "Successful call|Failed call" "$work/sipp.log" | tail -2
sleep 3
python3 - "$home/data/recordings" "$before" <<'PY'
import json, os, sys
root, since = sys.argv[1], float(sys.argv[2])
calls = streams = received = lost = late = 0
for d, _, files in os.walk(root):
    if 'session.json' in files and os.path.getmtime(os.path.join(d, 'session.json')) >= since:
        s = json.load(open(os.path.join(d, 'session.json')))
        calls += 1
        for st in s['streams']:
            streams += 1
            p = st['packets']
            received += p['received']; lost += p['lost']; late += p['late']
total = received + lost
print(f"calls {calls}, streams {streams}, packets received {received}, lost {lost}, late {late}, "
      f"loss {100.0 * (lost + late) / max(total, 1):.3f} %")
PY
rm -rf "$work"
