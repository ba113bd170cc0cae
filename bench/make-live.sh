#!/usr/bin/env bash
# A live-made bench capture (issue 19): the lab's real peers at rate on the namespace bridge of
# fixtures/make/lib.sh for DURATION seconds (default 600), captured with tcpdump on the bridge as a student
# does. ZeroMQ REQ/REP, PUB/SUB and PUSH/PULL (pickles) at hundreds of messages/s, a mosquitto broker with a
# fast publisher, a subscriber and a short-lived client every 0.5 s, an HTTP client with one keep-alive
# connection and one opening a new connection per request, and repeated bulk TCP transfers: many short
# connections, as the users' captures have. Run as root:
#   sudo bash bench/make-live.sh                       # bench/out/live-600s.pcap
#   sudo DURATION=30 OUT=/tmp/live-30s.pcap bash bench/make-live.sh
# Rates are what the peers ask for; on a busy 2-core machine they reach less (the script prints the counts).
SCENARIO=bench-live
source "$(dirname "$0")/../fixtures/make/lib.sh"
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
DURATION=${DURATION:-600}
OUT=${OUT:-$BENCH_DIR/out/live-${DURATION}s.pcap}
LOAD="$PEERS/load.py"
mkdir -p "$(dirname "$OUT")"

net_up
for n in 2 3 4 5 6 7 8 10 11 12 13 20 21 22 50 51; do host_add "$n"; done
D=(--duration "$DURATION")
bg_in 2 zmq-rep $PY "$LOAD" zmq-rep --port 5555 "${D[@]}"
bg_in 4 zmq-pub $PY "$LOAD" zmq-pub --port 12345 --rate 200 "${D[@]}"
bg_in 6 zmq-push $PY "$LOAD" zmq-push --port 9999 --rate 200 "${D[@]}"
mosquitto_start 10
bg_in 20 http-server $PY "$LOAD" http-server --port 5151 "${D[@]}"
bg_in 50 bulk-sink $PY "$LOAD" bulk-sink --port 5001 "${D[@]}"
wait_port 2 5555; wait_port 4 12345; wait_port 6 9999; wait_port 20 5151; wait_port 50 5001

cap_start "$OUT"
bg_in 3 zmq-req $PY "$LOAD" zmq-req --host 172.18.0.2 --port 5555 --rate 300 "${D[@]}"
bg_in 5 zmq-sub $PY "$LOAD" zmq-sub --host 172.18.0.4 --port 12345 "${D[@]}"
bg_in 7 zmq-pull $PY "$LOAD" zmq-pull --host 172.18.0.6 --port 9999 "${D[@]}"
bg_in 8 zmq-pull $PY "$LOAD" zmq-pull --host 172.18.0.6 --port 9999 "${D[@]}"
bg_in 12 mqtt-sub $PY "$LOAD" mqtt-sub --host 172.18.0.10 --port 1883 "${D[@]}"
bg_in 11 mqtt-pub $PY "$LOAD" mqtt-pub --host 172.18.0.10 --port 1883 --rate 200 "${D[@]}"
bg_in 13 mqtt-probe $PY "$LOAD" mqtt-probe --host 172.18.0.10 --port 1883 --interval 0.5 "${D[@]}"
bg_in 21 http-keepalive $PY "$LOAD" http-keepalive --host 172.18.0.20 --port 5151 --rate 350 "${D[@]}"
bg_in 22 http-new $PY "$LOAD" http-new --host 172.18.0.20 --port 5151 --rate 120 "${D[@]}"
bg_in 51 bulk-source $PY "$LOAD" bulk-source --host 172.18.0.50 --port 5001 --bytes 200000 --interval 2 "${D[@]}"
sleep "$DURATION"
sleep 3
cap_stop
log "wrote $OUT ($(stat -c %s "$OUT") bytes)"
