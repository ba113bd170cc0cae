"""Lab traffic at rate for the live-made bench capture (bench/make-live.sh): the course's programs' shapes,
run for --duration seconds. Each role is one process; every loop is bounded by the duration.

Roles (all talk to addresses on the namespace bridge that bench/make-live.sh builds):
  zmq-rep / zmq-req        REQ/REP, "Hello" -> "World", --rate requests per second on one connection
  zmq-pub / zmq-sub        PUB/SUB, "WAKTU <time>" at --rate per second
  zmq-push / zmq-pull      PUSH/PULL, pickled ints at --rate per second
  mqtt-pub                 publishes to sister/temp at --rate per second (one long session)
  mqtt-sub                 subscribes to sister/# (one long session)
  mqtt-probe               a short-lived client (connect, subscribe, one publish, disconnect) every --interval s
  http-server              HTTP/1.1 keep-alive server: GET /add?a=&b= -> {"result": a+b}
  http-keepalive           one keep-alive connection, --rate requests per second
  http-new                 a new TCP connection per request (as requests.get does), --rate per second
  bulk-sink / bulk-source  a raw TCP bulk transfer of --bytes, repeated every --interval s
No log is written: the bench needs traffic, not an oracle.
"""
import argparse
import http.client
import http.server
import json
import pickle
import socket
import threading
import time
import urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("role")
ap.add_argument("--host", default="172.18.0.2")
ap.add_argument("--port", type=int, default=5555)
ap.add_argument("--rate", type=float, default=100.0)
ap.add_argument("--interval", type=float, default=0.5)
ap.add_argument("--bytes", type=int, default=200_000)
ap.add_argument("--duration", type=float, default=200.0)
a = ap.parse_args()
END = time.time() + a.duration


def paced(rate):
    """Yields until the duration ends, about `rate` times a second."""
    step = 1.0 / rate
    nxt = time.time()
    while time.time() < END:
        yield
        nxt += step
        d = nxt - time.time()
        if d > 0:
            time.sleep(d)
        elif d < -1:
            nxt = time.time()  # behind by more than a second: do not burst to catch up


def zmq_role():
    import zmq

    ctx = zmq.Context()
    kind = {"zmq-rep": zmq.REP, "zmq-req": zmq.REQ, "zmq-pub": zmq.PUB, "zmq-sub": zmq.SUB,
            "zmq-push": zmq.PUSH, "zmq-pull": zmq.PULL}[a.role]
    s = ctx.socket(kind)
    s.setsockopt(zmq.LINGER, 500)
    if a.role in ("zmq-rep", "zmq-pub", "zmq-push"):
        s.bind(f"tcp://0.0.0.0:{a.port}")
    else:
        s.connect(f"tcp://{a.host}:{a.port}")
    if a.role == "zmq-sub":
        s.setsockopt(zmq.SUBSCRIBE, b"WAKTU")
    s.setsockopt(zmq.RCVTIMEO, 1000)
    if a.role == "zmq-req":
        for _ in paced(a.rate):
            s.send(b"Hello")
            try:
                s.recv()
            except zmq.Again:
                break
    elif a.role == "zmq-pub":
        for _ in paced(a.rate):
            s.send(f"WAKTU {time.ctime()}".encode())
    elif a.role == "zmq-push":
        i = 0
        for _ in paced(a.rate):
            s.send(pickle.dumps(i % 100, protocol=4))
            i += 1
    else:  # rep, sub, pull: answer or take until the duration ends
        while time.time() < END + 1:
            try:
                m = s.recv()
            except zmq.Again:
                continue
            if a.role == "zmq-rep":
                s.send(b"World")
    s.close()
    ctx.term()


def mqtt_role():
    import paho.mqtt.client as mqtt

    if a.role == "mqtt-probe":
        i = 0
        while time.time() < END:
            c = mqtt.Client(client_id=f"pf-probe-{i}")
            try:
                c.connect(a.host, a.port, keepalive=10)
                c.loop_start()
                c.subscribe("sister/#")
                c.publish("sister/probe", f"probe {i}", qos=1).wait_for_publish(2)
                c.loop_stop()
                c.disconnect()
            except OSError:
                pass
            i += 1
            time.sleep(a.interval)
        return
    c = mqtt.Client(client_id=a.role)
    c.connect(a.host, a.port, keepalive=30)
    c.loop_start()
    if a.role == "mqtt-sub":
        c.subscribe("sister/#", qos=1)
        while time.time() < END:
            time.sleep(0.2)
    else:
        for _ in paced(a.rate):
            c.publish("sister/temp", f"Suhu: {20 + int(time.time()) % 10}°C", qos=0)
    c.loop_stop()
    c.disconnect()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        try:
            body = json.dumps({"result": int(q["a"][0]) + int(q["b"][0])}).encode()
            self.send_response(200)
        except (KeyError, ValueError):
            body = b'{"error": "a and b are needed"}'
            self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def http_role():
    if a.role == "http-server":
        srv = http.server.ThreadingHTTPServer(("0.0.0.0", a.port), Handler)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        while time.time() < END + 2:
            time.sleep(0.2)
        return
    i = 0
    conn = None
    for _ in paced(a.rate):
        if conn is None or a.role == "http-new":
            conn = http.client.HTTPConnection(a.host, a.port, timeout=5)
        try:
            conn.request("GET", f"/add?a={i % 50}&b={i % 7}",
                         headers={"Connection": "close"} if a.role == "http-new" else {})
            conn.getresponse().read()
        except OSError:
            conn = None
        if a.role == "http-new" and conn is not None:
            conn.close()
        i += 1


def bulk_role():
    if a.role == "bulk-sink":
        ls = socket.socket()
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind(("0.0.0.0", a.port))
        ls.listen(8)
        ls.settimeout(1)
        while time.time() < END + 2:
            try:
                c, _ = ls.accept()
            except socket.timeout:
                continue
            while c.recv(65536):
                pass
            c.close()
        return
    chunk = b"x" * 8192
    while time.time() < END:
        try:
            s = socket.create_connection((a.host, a.port), timeout=5)
            left = a.bytes
            while left > 0:
                left -= s.send(chunk[: min(left, len(chunk))])
            s.close()
        except OSError:
            pass
        time.sleep(a.interval)


if a.role.startswith("zmq-"):
    zmq_role()
elif a.role.startswith("mqtt-"):
    mqtt_role()
elif a.role.startswith("http-"):
    http_role()
elif a.role.startswith("bulk-"):
    bulk_role()
else:
    raise SystemExit(f"unknown role {a.role}")
