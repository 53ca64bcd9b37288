#!/usr/bin/env bash
# The engine benchmark of issue 6, from the repository root:
#
#   tests/bench/engine.sh
#
# Builds twinbridge-sandbox and twinbridged in a Release tree (build/bench, or $TWINBRIDGE_BENCH_BUILD_DIR),
# installs the baseline's npm packages (npm ci in tests/bench/baseline), starts ONE twinbridge-sandbox with
# 10,000 virtual TTS devices and --no-throttle, and measures end to end (TTS MQTT → twinbridged → device
# MQTT/TLS → hub):
#   1. pooled warm-up: one uplink per device through the sandbox's admin API (POST /admin/tts/uplinks burst:
#      the virtual devices join and send), the engine creates the identities and opens 10,000 pooled
#      connections → peak RSS (VmHWM) of twinbridged;
#   2. pooled saturation: uplinks offered faster than the chain forwards them → uplinks/s at the hub;
#   3. pooled latency: a steady 500 uplinks/s → p50/p99 of TTS publish (the uplink's received_at) → hub
#      enqueue (the D2C message's enqueuedTime);
#   4. strict (twinbridged restarted with --mode strict): a warm-up pass over all devices (a new process
#      looks every identity up once), then saturation;
#   5. the baseline: tests/bench/baseline/bridge.js (Microsoft's Node device SDK, one client per uplink:
#      connect, sendEvent, getTwin, update reported, close) on a bounded sample.
# Phases 2-5 publish with tests/bench/baseline/publisher.js straight on the sandbox's TTS broker (the same
# ApplicationUp JSON, received_at = publish time): at 10,000 devices the sandbox's own virtual-device model
# costs more per uplink than the bridges and would set the pace. What arrived is read from the hub's recorded
# D2C messages (GET /admin/hubs/{hub}/messages): uplinks/s = (n − 1) / (last − first enqueuedTime). CPU
# seconds of twinbridged, the sandbox, mosquitto and the baseline come from /proc/<pid>/stat per phase.
# The hub's throttles are off in the sandbox and twinbridged's pacing is off ("hub": {"throttles": false}):
# the benchmark measures what the bridges can do, not an S1 hub's 100 D2C/s and 50 twin updates/s.
#
# Environment (all optional): WARMUP_RATE (200), BASELINE_CONCURRENCY (100), BASELINE_UPLINKS (1000),
# SATURATION_UPLINKS (30000), SATURATION_RATE (10000), LATENCY_SECONDS (30), STRICT_UPLINKS (6000),
# STRICT_RATE (3000), PERF=1 (`perf record -g` of twinbridged during phases 2, 3 and 4 into
# build/bench/engine-perf-*.data), KEEP_STATE=1 (keeps the temporary directory), DEVICES (a smoke run only;
# the benchmark is 10,000). Needs node ≥ 20, npm, python3, jq, mosquitto. ~12 minutes on 2 loaded cores.
# The last line is
#   RESULT pooled_ups=<x> strict_ups=<y> baseline_ups=<z> ratio_pooled=<x/z> ratio_strict=<y/z> p99_ms_at_500=<p> rss_mb_10k=<m>
# (rss_mb_10k in MiB: VmHWM / 1024.)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${TWINBRIDGE_BENCH_BUILD_DIR:-$root/build/bench}"
devices="${DEVICES:-10000}" # only a smoke run takes fewer; the benchmark is 10,000
baseline_concurrency="${BASELINE_CONCURRENCY:-100}"
baseline_uplinks="${BASELINE_UPLINKS:-1000}"
saturation_uplinks="${SATURATION_UPLINKS:-30000}"
saturation_rate="${SATURATION_RATE:-10000}"
latency_seconds="${LATENCY_SECONDS:-30}"
strict_uplinks="${STRICT_UPLINKS:-6000}"
strict_rate="${STRICT_RATE:-3000}"

log() { printf '== %s\n' "$*"; }

# --- build ---
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
log "build in $build"
mkdir -p "$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
        -DTWINBRIDGE_GUI=OFF -DTWINBRIDGE_TESTS=ON >"$build/engine-build.log" 2>&1 ||
        { tail -40 "$build/engine-build.log" >&2; exit 1; }
fi
if ! cmake --build "$build" -j"${JOBS:-2}" --target twinbridge-sandbox twinbridged >>"$build/engine-build.log" 2>&1; then
    tail -40 "$build/engine-build.log" >&2
    echo "engine.sh: the build failed (log: $build/engine-build.log)" >&2
    exit 1
fi
sandbox_bin="$build/app/twinbridge-sandbox/twinbridge-sandbox"
engine_bin="$build/app/twinbridged/twinbridged"

log "npm ci in tests/bench/baseline"
(cd "$root/tests/bench/baseline" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    { echo "engine.sh: npm ci failed in tests/bench/baseline" >&2; exit 1; }

command -v python3 >/dev/null || { echo "engine.sh: python3 is needed for the measurements" >&2; exit 1; }
command -v jq >/dev/null || { echo "engine.sh: jq is needed" >&2; exit 1; }

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# --- processes and clean-up ---
state="$(mktemp -d "${TMPDIR:-/tmp}/twinbridge-engine-bench-XXXXXX")"
sandbox_pid=""
engine_pid=""
baseline_pid=""
perf_pid=""
stop_pid() { # pid, seconds to wait before SIGKILL
    local pid="$1" wait="${2:-30}"
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((wait * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
    [ -z "${helper_pid:-}" ] || kill -TERM "$helper_pid" 2>/dev/null || true
    stop_pid "$perf_pid" 10
    stop_pid "$baseline_pid" 5
    stop_pid "$engine_pid" 30
    stop_pid "$sandbox_pid" 30
    if [ "${KEEP_STATE:-0}" = 1 ]; then echo "state kept in $state" >&2; else rm -rf "$state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- src app tests/bench 2>/dev/null)" ]; then commit="$commit+changes"; fi
log "machine: $cpu_model, $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo);" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); commit $commit; $(date -u '+%Y-%m-%d %H:%M UTC')"

# --- the measuring helper (admin API, /proc) ---
cat >"$state/measure.py" <<'PY'
import calendar, json, os, re, signal, subprocess, sys, time, urllib.request

sandbox = json.load(open(sys.argv[1]))
admin = sandbox["admin"]
hub = sandbox["iotHub"]["hostName"].split(".")[0]
cursor_file = sys.argv[2]
TICK = os.sysconf("SC_CLK_TCK")

def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(admin + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"null")

def metrics():
    return call("GET", f"/hubs/{hub}/metrics")

def cpu_seconds(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, ValueError, IndexError):
        return 0.0

def status_kb(pid, key):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

STAMP = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z")

def parse_time(text):
    m = STAMP.fullmatch(text or "")
    if not m:
        return None
    whole = calendar.timegm(tuple(int(m.group(i)) for i in range(1, 7)) + (0, 0, 0))
    fraction = m.group(7) or "0"
    return whole + int(fraction) / 10 ** len(fraction)

def read_cursor():
    try:
        return int(open(cursor_file).read())
    except (OSError, ValueError):
        return 0

def new_messages():
    """The uplink D2C messages the hub recorded since the last call."""
    after, found = read_cursor(), []
    while True:
        page = call("GET", f"/hubs/{hub}/messages?after={after}&limit=1000")
        found += [m for m in page["messages"] if m.get("source") == "DeviceMessages"
                  and (m.get("applicationProperties") or {}).get("messageType") == "uplink"]
        if not page["messages"]:
            break
        after = page["next"]
    open(cursor_file, "w").write(str(after))
    return found

def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(p / 100 * len(values) + 0.5)) - 1))]

def remember_devices(messages):
    """The devices' ids and one uplink as the publisher's template, from the warm-up's messages."""
    path = os.environ["BENCH_DEVICES"]
    try:
        known = json.load(open(path))
    except (OSError, ValueError):
        known = {"template": None, "devices": []}
    devices = {d["device_id"]: d for d in known["devices"]}
    for m in messages:
        body = m.get("body") or {}
        if "uplink_message" in body and "end_device_ids" in body:
            devices[body["end_device_ids"]["device_id"]] = body["end_device_ids"]
            known["template"] = known["template"] or body
    known["devices"] = sorted(devices.values(), key=lambda d: d["device_id"])
    json.dump(known, open(path, "w"))

children = []

def stop_children(*_):
    """engine.sh's clean-up sends SIGTERM: the publisher goes too."""
    for child in children:
        child.kill()
    sys.exit(143)

signal.signal(signal.SIGTERM, stop_children)

def phase(name, count, rate, pids, stall_seconds, source):
    """Offers `count` uplinks at `rate`/s, waits for them at the hub, measures."""
    start_d2c = metrics()["deviceToCloudMessages"]
    new_messages()  # moves the cursor past everything earlier
    cpu_before = {k: cpu_seconds(p) for k, p in pids.items()}
    started = time.monotonic()
    publisher = None
    if source == "sandbox":
        call("POST", "/tts/uplinks", {"count": count, "ratePerSecond": rate})
    else:
        publisher = subprocess.Popen(["node", os.environ["BENCH_PUBLISHER"], sys.argv[1], os.environ["BENCH_DEVICES"],
                                      str(count), str(rate)], stdout=subprocess.PIPE, text=True)
        children.append(publisher)
    last, last_change, done_at = start_d2c, time.monotonic(), None
    while True:
        time.sleep(0.2)
        d2c = metrics()["deviceToCloudMessages"]
        now = time.monotonic()
        if d2c != last:
            last, last_change = d2c, now
        if d2c - start_d2c >= count:
            done_at = now
            break
        if now - last_change > stall_seconds and now - started > count / rate:
            break
    cpu_after = {k: cpu_seconds(p) for k, p in pids.items()}
    published_by = None
    if publisher is not None:
        try:
            published_by = json.loads(publisher.communicate(timeout=60)[0] or "null")
        except (subprocess.TimeoutExpired, ValueError):
            publisher.kill()
    messages = new_messages()
    if name.startswith("warmup"):
        remember_devices(messages)
    enqueued = sorted(t for t in (parse_time(m.get("enqueuedTime")) for m in messages) if t is not None)
    published, latencies = [], []
    for m in messages:
        body = m.get("body") or {}
        sent, arrived = parse_time(body.get("received_at")), parse_time(m.get("enqueuedTime"))
        if sent is not None and arrived is not None:
            published.append(sent)
            latencies.append((arrived - sent) * 1000.0)
    n = len(messages)
    span = (enqueued[-1] - enqueued[0]) if n > 1 else 0.0
    published_span = (max(published) - min(published)) if len(published) > 1 else 0.0
    result = {
        "phase": name, "offered": count, "offeredRate": rate, "arrived": n,
        "arrivedCounter": last - start_d2c, "complete": done_at is not None,
        "wallSeconds": round((done_at or time.monotonic()) - started, 2),
        "ups": round((n - 1) / span, 1) if span > 0 else 0.0,
        # How fast the sandbox actually published them (its received_at): near "ups" means the source, not
        # the bridge, set the pace.
        "publishedUps": round((len(published) - 1) / published_span, 1) if published_span > 0 else 0.0,
        "p50Ms": round(percentile(latencies, 50), 1), "p99Ms": round(percentile(latencies, 99), 1),
        "maxMs": round(max(latencies), 1) if latencies else float("nan"),
        "cpuSeconds": {k: round(cpu_after[k] - cpu_before[k], 2) for k in pids},
        "source": source if published_by is None else {"publisher": published_by},
    }
    if n:
        result["cpuPer1000"] = {k: round((cpu_after[k] - cpu_before[k]) / n * 1000, 3) for k in pids}
    return result

def pids_from(arg):
    return {k: int(v) for k, v in (item.split("=") for item in arg.split(",") if item)}

command = sys.argv[3]
if command == "phase":
    print(json.dumps(phase(sys.argv[4], int(sys.argv[5]), float(sys.argv[6]), pids_from(sys.argv[7]),
                           float(sys.argv[8]), sys.argv[9] if len(sys.argv) > 9 else "publisher")))
elif command == "metrics":
    print(json.dumps(metrics()))
elif command == "skip":
    new_messages()
elif command == "memory":
    pid = int(sys.argv[4])
    print(json.dumps({"vmHwmKb": status_kb(pid, "VmHWM"), "vmRssKb": status_kb(pid, "VmRSS"),
                      "connectedDevices": metrics()["connectedDevices"]}))
PY
# Runs the helper in the background and waits for it, so that Ctrl+C interrupts a phase at once; its JSON
# line goes to $state/last.json.
helper_pid=""
export BENCH_PUBLISHER="$root/tests/bench/baseline/publisher.js" BENCH_DEVICES="$state/devices.json"
measure() {
    python3 "$state/measure.py" "$state/sandbox/sandbox.json" "$state/cursor" "$@" >"$state/last.json" &
    helper_pid=$!
    wait "$helper_pid"
    helper_pid=""
    cat "$state/last.json"
}
last() { cat "$state/last.json"; }

# --- the sandbox ---
export QT_NO_GLIB=1
log "twinbridge-sandbox --devices $devices --no-throttle (devices send only what the benchmark asks for)"
# --uplink-interval 604800 --speed 0.001: the virtual devices' own timers (first uplinks staggered over a week
# of simulated time, slowed down 1000×) stay out of the way; every uplink the benchmark counts comes from its
# bursts. The hub is the sandbox's S1 hub with its throttles off.
"$sandbox_bin" --state-dir "$state/sandbox" --devices "$devices" --no-throttle --uplink-interval 604800 --speed 0.001 --seed 6 \
    >"$state/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 1200); do
    [ -f "$state/sandbox/sandbox.json" ] && break
    kill -0 "$sandbox_pid" 2>/dev/null || { echo "engine.sh: the sandbox did not start:" >&2; cat "$state/sandbox.log" >&2; exit 1; }
    sleep 0.1
done
[ -f "$state/sandbox/sandbox.json" ] || { echo "engine.sh: no sandbox.json after 120 s" >&2; exit 1; }
mosquitto_pid="$(pgrep -P "$sandbox_pid" -x mosquitto | head -1 || true)"
sandbox_json="$state/sandbox/sandbox.json"

# twinbridged's profile: the sandbox's endpoints plus an engine section without pacing, a pool that keeps all
# 10,000 connections for the whole run, no ingest endpoint (uplinks only). Secrets come from the environment.
write_profile() { # mode, data dir
    jq --arg mode "$1" --arg data "$2" '{
        format: "twinbridge-profile/1", id: "6b1f4a2e-9c3d-4e5f-8a7b-0c1d2e3f4a5b", name: "engine benchmark",
        tts: {apiBaseUrl: .tts.api, applicationId: .tts.applicationId, tenantId: .tts.tenantId,
              mqttHost: .tts.mqtt.host, mqttPort: .tts.mqtt.port, mqttTls: .tts.mqtt.tls},
        iotHub: {hostName: .iotHub.hostName, restEndpoint: .iotHub.rest, mqttHost: .iotHub.mqtt.host,
                 mqttPort: .iotHub.mqtt.port, policyName: .iotHub.policyName},
        tls: {caCertificateFile: .caCertificate},
        engine: {mode: $mode, pool: {idleSeconds: 3600, maxConnections: 10000},
                 hub: {sku: "S1", units: 1, throttles: false},
                 ingest: {enabled: false}, dataDirectory: $data, drainSeconds: 30}
    }' "$sandbox_json" >"$state/profile-$1.json"
}
start_engine() { # mode
    write_profile "$1" "$state/engine-$1"
    TWINBRIDGE_TTS_API_KEY="$(jq -r .tts.apiKey "$sandbox_json")" \
    TWINBRIDGE_IOTHUB_POLICY_KEY="$(jq -r .iotHub.policyKey "$sandbox_json")" \
        "$engine_bin" --config "$state/profile-$1.json" --secrets env --stats 1 >"$state/engine-$1.out" 2>"$state/engine-$1.err" &
    engine_pid=$!
    for _ in $(seq 1 600); do
        # Subscribed once the stats say tts_connected (first stats line after 1 s).
        grep -q '"tts_connected":1' "$state/engine-$1.out" 2>/dev/null && return 0
        kill -0 "$engine_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "engine.sh: twinbridged ($1) did not connect to TTS:" >&2
    cat "$state/engine-$1.out" "$state/engine-$1.err" >&2
    exit 1
}
stop_engine() {
    stop_pid "$engine_pid" 60
    engine_pid=""
}
field() { jq -r "$1" <<<"$2"; }
# twinbridged's own counters (last --stats line): received vs forwarded tells a broker-side loss from a
# bridge-side one.
engine_counters() {
    grep '"type":"stats"' "$state/engine-$1.out" | tail -1 |
        jq -c '{uplinks_received: .counters.uplinks_received, uplinks_forwarded: .counters.uplinks_forwarded,
                d2c_sent: .counters.d2c_sent, identities_created: .counters.identities_created,
                uplinks_failed: .counters.uplinks_failed, connections: .gauges.device_connections_open,
                outbox_depth: .gauges.outbox_depth}'
}
perf_start() { # name
    [ "${PERF:-0}" = 1 ] || return 0
    perf record -g -F 499 -p "$engine_pid" -o "$build/engine-perf-$1.data" >/dev/null 2>&1 &
    perf_pid=$!
}
perf_stop() {
    [ -n "$perf_pid" ] || return 0
    kill -INT "$perf_pid" 2>/dev/null || true
    wait "$perf_pid" 2>/dev/null || true
    perf_pid=""
}

# --- twinbridged, pooled ---
log "twinbridged, pooled mode"
start_engine pooled
pids="engine=$engine_pid,sandbox=$sandbox_pid${mosquitto_pid:+,mosquitto=$mosquitto_pid}"

# The engine creates identities at ~50-100/s (bulk imports of 100, two at a time); offered much faster, its
# loop falls behind reading the TTS subscription and the broker drops QoS 0 messages (seen at 1,000/s on a
# loaded machine). A second pass reaches the devices whose first uplink was lost.
log "1. pooled warm-up: one uplink for each of the $devices devices offered at ${WARMUP_RATE:-200}/s (the engine creates their identities)"
measure phase warmup "$devices" "${WARMUP_RATE:-200}" "$pids" 45 sandbox
warm="$(last)"
measure memory "$engine_pid"
if [ "$(jq -r .connectedDevices "$state/last.json")" -lt "$devices" ]; then
    log "1b. second warm-up pass: $(jq -r .connectedDevices "$state/last.json") of $devices devices connected"
    measure phase warmup2 "$devices" "${WARMUP_RATE:-200}" "$pids" 45 sandbox
fi
sleep 2
measure memory "$engine_pid"
memory="$(last)"
rss_mb="$(jq -r '(.vmHwmKb / 1024 * 10 | round) / 10' <<<"$memory")"
connections_10k="$(jq -r .connectedDevices <<<"$memory")"

log "2. pooled saturation: $saturation_uplinks uplinks offered at $saturation_rate/s"
perf_start pooled
measure phase pooled "$saturation_uplinks" "$saturation_rate" "$pids" 30
pooled="$(last)"
perf_stop

log "3. pooled latency: a steady 500 uplinks/s for $latency_seconds s"
perf_start latency500
measure phase latency500 $((500 * latency_seconds)) 500 "$pids" 30
latency="$(last)"
perf_stop
measure memory "$engine_pid"
sleep 1.5
echo "twinbridged counters: $(engine_counters pooled)"
stop_engine

# --- twinbridged, strict ---
log "twinbridged, strict mode"
start_engine strict
pids="engine=$engine_pid,sandbox=$sandbox_pid${mosquitto_pid:+,mosquitto=$mosquitto_pid}"
# A new twinbridged knows no identity yet: the first uplink of every device costs a registry lookup (in bulk
# requests). That is measured separately; the strict figure is the steady state after it.
log "4a. strict warm-up: one uplink for each of the $devices devices offered at ${WARMUP_RATE:-200}/s (identity lookups after the start)"
measure phase strict-warmup "$devices" "${WARMUP_RATE:-200}" "$pids" 45
strict_warm="$(last)"
log "4b. strict saturation: $strict_uplinks uplinks offered at $strict_rate/s"
perf_start strict
measure phase strict "$strict_uplinks" "$strict_rate" "$pids" 30
strict="$(last)"
perf_stop
sleep 1.5
echo "twinbridged counters: $(engine_counters strict)"
stop_engine

# --- the baseline ---
log "5. baseline: Node device SDK, one client per uplink, $baseline_concurrency devices at a time; $baseline_uplinks uplinks offered at 1,000/s"
node "$root/tests/bench/baseline/bridge.js" "$sandbox_json" "$baseline_concurrency" >"$state/baseline.out" 2>"$state/baseline.err" &
baseline_pid=$!
for _ in $(seq 1 300); do
    grep -qx ready "$state/baseline.out" 2>/dev/null && break
    kill -0 "$baseline_pid" 2>/dev/null || break
    sleep 0.1
done
grep -qx ready "$state/baseline.out" || { echo "engine.sh: the baseline bridge did not start:" >&2; cat "$state/baseline.out" "$state/baseline.err" >&2; exit 1; }
pids="baseline=$baseline_pid,sandbox=$sandbox_pid${mosquitto_pid:+,mosquitto=$mosquitto_pid}"
measure phase baseline "$baseline_uplinks" 1000 "$pids" 30
baseline="$(last)"
stop_pid "$baseline_pid" 5
baseline_pid=""
echo "baseline bridge counters: $(grep '^{' "$state/baseline.out" | tail -1)"
if [ -s "$state/baseline.err" ]; then echo "baseline bridge errors (first lines):"; head -5 "$state/baseline.err"; fi

# --- summary ---
pooled_ups="$(field .ups "$pooled")"
strict_ups="$(field .ups "$strict")"
baseline_ups="$(field .ups "$baseline")"
p99="$(field .p99Ms "$latency")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }'; }
ratio_pooled="$(ratio "$pooled_ups" "$baseline_ups")"
ratio_strict="$(ratio "$strict_ups" "$baseline_ups")"
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v < t); print ok ? "met" : "MISSED" }'; }
row() { printf '  %-52s %10s  %-8s %s\n' "$@"; }
echo
echo "Summary: $cpu_model, $(nproc) cores; load average at the end $(cut -d' ' -f1-3 /proc/loadavg); commit $commit"
row "measure" "result" "target" "verdict"
row "pooled uplinks/s at saturation (published at $(field .publishedUps "$pooled")/s)" "$pooled_ups" ">= 2000" "$(verdict "$pooled_ups" 2000 '>=')"
row "strict uplinks/s at saturation (published at $(field .publishedUps "$strict")/s)" "$strict_ups" ">= 300" "$(verdict "$strict_ups" 300 '>=')"
row "baseline uplinks/s (Node SDK, $baseline_concurrency at a time)" "$baseline_ups" "-" "-"
row "pooled / baseline" "$ratio_pooled" ">= 10" "$(verdict "$ratio_pooled" 10 '>=')"
row "strict / baseline" "$ratio_strict" ">= 10" "$(verdict "$ratio_strict" 10 '>=')"
row "p50 ms TTS publish → hub enqueue at 500/s, pooled" "$(field .p50Ms "$latency")" "-" "-"
row "p99 ms TTS publish → hub enqueue at 500/s, pooled" "$p99" "< 50" "$(verdict "$p99" 50 '<')"
row "peak RSS MB (VmHWM), $connections_10k pooled connections" "$rss_mb" "< 150" "$(verdict "$rss_mb" 150 '<')"
row "twinbridged CPU s per 1,000 uplinks: pooled saturation" "$(field .cpuPer1000.engine "$pooled")" "-" "-"
row "  pooled at 500/s" "$(field .cpuPer1000.engine "$latency")" "-" "-"
row "  strict saturation" "$(field .cpuPer1000.engine "$strict")" "-" "-"
row "  first uplinks: pooled warm-up / strict warm-up" "$(field .cpuPer1000.engine "$warm") / $(field .cpuPer1000.engine "$strict_warm")" "-" "-"
row "first uplinks/s: pooled warm-up / strict warm-up" "$(field .ups "$warm") / $(field .ups "$strict_warm")" "-" "-"
row "baseline (node) CPU s per 1,000 uplinks" "$(field .cpuPer1000.baseline "$baseline")" "-" "-"
echo "RESULT pooled_ups=$pooled_ups strict_ups=$strict_ups baseline_ups=$baseline_ups ratio_pooled=$ratio_pooled ratio_strict=$ratio_strict p99_ms_at_500=$p99 rss_mb_10k=$rss_mb"
