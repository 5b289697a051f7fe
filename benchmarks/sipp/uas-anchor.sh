#!/bin/sh
# The anchor of issue 11's call set-up rate alone: SIPp's UAC places the SIPREC calls of siprec-load.xml
# (multipart INVITE, 200, ACK, 1 s, BYE) against SIPp's own UAS, one step per rate, and prints calls created,
# successful, failed, the achieved rate and the load average. callrate.sh runs the same step before each
# server step; this one climbs higher to find where SIPp's UAS itself stops keeping pace.
#
#   benchmarks/sipp/uas-anchor.sh <transport u1|t1> <seconds per step> <rate> [<rate> ...]
#   ports: UAS 29161, UAC 29261 (UAS_PORT / UAC_PORT to change them)
set -u
transport=$1; seconds=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
uasport=${UAS_PORT:-29161}; uacport=${UAC_PORT:-29261}
work=$(mktemp -d)
sipp -sn uas -t "$transport" -i 127.0.0.1 -p "$uasport" -max_socket 20000 -nostdin >"$work/uas.out" 2>&1 &
uas=$!
trap 'kill "$uas" 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
for rate in "$@"; do
  calls=$((rate * seconds)); rm -f "$work"/stat*.csv
  t0=$(date +%s.%N)
  sipp -sf "$here/siprec-load.xml" -t "$transport" -i 127.0.0.1 -p "$uacport" -r "$rate" -m "$calls" -l 40000 -max_socket 20000 -nostdin -timeout $((seconds + 40))s -trace_stat -stf "$work/stat.csv" "127.0.0.1:$uasport" >"$work/uac.out" 2>&1 || true
  t1=$(date +%s.%N)
  awk -F';' -v rate="$rate" -v t="$transport" -v wall="$(echo "$t1 - $t0 - 1" | bc)" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next} {last = $0}
    END {split(last, v, ";"); printf "sipp-uas %s offered %5d/s created %6d successful %6d failed %5d achieved %7.1f/s load %s\n", t, rate, v[col["TotalCallCreated"]], v[col["SuccessfulCall(C)"]], v[col["FailedCall(C)"]], v[col["SuccessfulCall(C)"]]/wall, load}' "$work/stat.csv"
  sleep 2
done
