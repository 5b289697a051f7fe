#!/bin/sh
# Call set-up rate of the SIPREC server against SIPp's own UAS as the anchor, interleaved in one run
# (issue 11): for each rate, SIPp's UAC places <rate x seconds> SIPREC calls (siprec-load.xml:
# multipart INVITE with two m-lines and metadata, 200, ACK, 1 s, BYE) first against a SIPp UAS,
# then against the server, and prints calls created, successful, failed and the achieved rate.
#
#   benchmarks/sipp/callrate.sh <server port> <transport u1|t1> <seconds per step> <rate> [<rate> ...]
#
# The server must listen on 127.0.0.1:<server port> with max.sessions above rate x 2.
set -eu
port=$1; transport=$2; seconds=$3; shift 3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
uas=
trap 'if [ -n "$uas" ]; then kill "$uas" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
uasport=$((port + 1000)); uacport=$((port + 2000))
sipp -sn uas -t "$transport" -i 127.0.0.1 -p "$uasport" -max_socket 20000 -nostdin >"$work/uas.out" 2>&1 &
uas=$!
sleep 1
step() { # target label rate
    calls=$(($3 * seconds))
    rm -f "$work"/stat*.csv
    t0=$(date +%s.%N)
    sipp -sf "$here/siprec-load.xml" -t "$transport" -i 127.0.0.1 -p "$uacport" -r "$3" -m "$calls" -l 20000 \
         -max_socket 20000 -nostdin -timeout $((seconds + 40))s -trace_stat -stf "$work/stat.csv" "127.0.0.1:$1" >"$work/uac.out" 2>&1 || true
    t1=$(date +%s.%N)
    # achieved: successful calls over the wall time of the run less the calls' 1 s hold
    awk -F';' -v label="$2" -v rate="$3" -v t="$transport" -v wall="$(echo "$t1 - $t0 - 1" | bc)" '
        NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
        {last = $0}
        END {split(last, v, ";");
             printf "%-6s %-3s offered %5d/s  created %6d  successful %6d  failed %5d  achieved %7.1f calls/s\n",
                 label, t, rate, v[col["TotalCallCreated"]], v[col["SuccessfulCall(C)"]], v[col["FailedCall(C)"]],
                 v[col["SuccessfulCall(C)"]] / wall}' "$work/stat.csv"
    sleep 3
}
for rate in "$@"; do
    step "$uasport" sipp "$rate"
    step "$port" server "$rate"
done
