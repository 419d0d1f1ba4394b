#!/usr/bin/env bash
# Measured robustness (issue 11): prints each figure and exits 0 only when every one holds.
#   1. fuzzing: ≥ 10,000 mutated inputs for each reader (npy, CSV, TSV, IDX/gzip, projector
#      TSV, checkpoint, --config options) and every field of real checkpoints spoiled in turn: 0 crashes, 0 hangs;
#   2. bounded memory: an .npy header claiming 2⁴⁰ floats, a 1 GiB gzip bomb behind an IDX
#      header, a checkpoint of model dimension 10⁹ — each a clean error, peak RSS measured;
#   3. SIGINT, SIGTERM, SIGHUP to the dashboard while it trains (in tmux): `stty -a` equal
#      before and after;
#   4. a `train --save` killed with SIGKILL five times: the checkpoint is readable each time;
#   5. a loss that turns NaN: headless, exit 1 with the message and --save keeps the last
#      good epoch; watched, the run pauses (TrainerDivergenceTests);
#   6. a 1,000-epoch run: resident memory at its start and end;
#   7. the engine/UI hand-off under ThreadSanitizer: a TSan build of dmlx driven in tmux
#      through the dashboard (every screen, maps, scrubbing, saving), compare over seeds,
#      view while it scores in the background (quit before it ends) and watch of a run
#      being written: 0 reports.
# Needs: swift, python3, tmux, gzip. Takes 3.5 minutes on 2 idle cores, 1.6 of them the
# TSan build (its own scratch path, .build/tsan, so the release build stays as it is).
set -uo pipefail
cd "$(dirname "$0")/.."
swift build -c release 2>&1 | grep -E "error|Compiling|Build complete" | tail -3
bin=$(swift build -c release --show-bin-path)
dmlx="$bin/dmlx"
export OPENBLAS_NUM_THREADS=1
# Scratch on tmpfs where there is one: the fuzzers write ~70,000 small files.
scratch=$(mktemp -d -p "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")" dmlx-robustness.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
failures=0
verdict() {  # verdict OK|FAIL "figure"
    printf '%-4s %s\n' "$1" "$2"
    [ "$1" = OK ] || failures=$((failures + 1))
}

# Runs a command; prints "<exit status> <peak RSS in MB>" (a signal shows as a negative status).
peak() {
    python3 - "$@" <<'PYTHON'
import resource, subprocess, sys
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PYTHON
}

echo "== fuzzing (seeded mutation, per-input limit 5 s, address space 4 GiB)"
TMPDIR="$scratch" "$bin/dmlx-fuzz" --fixtures Tests/DMLXEngineTests/Fixtures/data --inputs 10000 --seed 1 --time-limit 5 \
    | tee "$scratch/fuzz.txt"
fuzz_status=${PIPESTATUS[0]}
formats=$(grep -c '^fuzz ' "$scratch/fuzz.txt")
if [ "$fuzz_status" -eq 0 ] && [ "$formats" -eq 8 ]; then
    verdict OK "fuzzing: 8 formats, 0 crashes, 0 hangs"
else
    verdict FAIL "fuzzing: exit $fuzz_status over $formats formats (see above)"
fi

echo "== declared sizes are checked before allocating"
python3 - "$scratch" <<'PYTHON'
import os, struct, sys
scratch = sys.argv[1]
header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1048576, 1048576), }"
header += " " * (117 - len(header)) + "\n"
with open(os.path.join(scratch, "huge.npy"), "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + bytes(16))
with open(os.path.join(scratch, "huge-labels.npy"), "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", 118) + b"{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }".ljust(117) + b"\n" + bytes(16))
with open(os.path.join(scratch, "bomb-labels-idx1-ubyte"), "wb") as f:
    f.write(struct.pack(">II", 0x801, 10) + bytes(10))
with open(os.path.join(scratch, "bomb-images-header"), "wb") as f:
    f.write(struct.pack(">IIII", 0x803, 10, 8, 8))
PYTHON
(cat "$scratch/bomb-images-header"; head -c 1073741824 /dev/zero) | gzip -1 > "$scratch/bomb-images-idx3-ubyte.gz"
bomb_kb=$(( $(stat -c %s "$scratch/bomb-images-idx3-ubyte.gz") / 1024 ))
"$dmlx" train --data iris --epochs 1 --save "$scratch/good.ckpt" >/dev/null
python3 - "$scratch" <<'PYTHON'
import json, sys
checkpoint = json.load(open(sys.argv[1] + "/good.ckpt"))
checkpoint["configuration"]["model"]["dimension"] = 10**9
json.dump(checkpoint, open(sys.argv[1] + "/huge.ckpt", "w"))
PYTHON
for case in "npy header claiming 2^40 floats|eval --embeddings $scratch/huge.npy" \
            "gzip bomb (${bomb_kb} KB inflating to 1 GiB)|eval --embeddings $scratch/bomb-images-idx3-ubyte.gz --labels $scratch/bomb-labels-idx1-ubyte" \
            "checkpoint of model dimension 10^9|export $scratch/huge.ckpt --out $scratch/exported"; do
    name=${case%%|*}
    read -r status megabytes <<< "$(peak "$dmlx" ${case#*|})"
    if [ "$status" -ge 1 ] && [ "$status" -lt 126 ] && [ "$megabytes" -lt 200 ]; then
        verdict OK "$name: clean error (exit $status), peak RSS $megabytes MB"
    else
        verdict FAIL "$name: exit $status, peak RSS $megabytes MB (wanted a clean error under 200 MB)"
    fi
done

echo "== signals to the training dashboard leave the terminal restored (tmux, stty -a)"
# A private tmux server (its own socket), so nobody else's sessions are touched.
tmux_() { tmux -L "dmlx-robustness-$$" "$@"; }
tmux_ new-session -d -s keeper -x 120 -y 40 "sleep 3600"
for signal in INT TERM HUP; do
    tmux_ new-session -d -s "$signal" -x 120 -y 40 "env TERM=tmux-256color bash --norc --noprofile"
    rm -f "$scratch/status" "$scratch/before" "$scratch/after" "$scratch/pid"
    # The shell that records its pid becomes dmlx (exec), in the terminal's foreground.
    tmux_ send-keys -t "$signal" "stty -a > $scratch/before; sh -c 'echo \$\$ > $scratch/pid; exec $dmlx tui --data iris --epochs 100000 --pace 0'; echo \$? > $scratch/status; stty -a > $scratch/after" Enter
    for _ in $(seq 100); do
        tmux_ capture-pane -t "$signal" -p | grep -q "epoch [1-9]" && break
        sleep 0.1
    done
    [ -s "$scratch/pid" ] && kill -s "$signal" "$(cat "$scratch/pid")"
    for _ in $(seq 50); do [ -s "$scratch/after" ] && [ -s "$scratch/status" ] && break; sleep 0.1; done
    status=$(cat "$scratch/status" 2>/dev/null || echo none)
    # SIGINT is the user's "quit" (status 0) or the conventional 128 + signal; a crash is 132-139.
    if { [ "$status" = $((128 + $(kill -l "$signal"))) ] || { [ "$signal" = INT ] && [ "$status" = 0 ]; }; } \
        && cmp -s "$scratch/before" "$scratch/after"; then
        verdict OK "SIG$signal while training: exit $status, stty -a unchanged"
    else
        verdict FAIL "SIG$signal while training: exit $status, stty -a $(cmp -s "$scratch/before" "$scratch/after" && echo unchanged || echo CHANGED)"
    fi
    tmux_ kill-session -t "$signal"
done
tmux_ kill-server

echo "== a killed --save leaves a whole checkpoint"
readable=0
for attempt in 1 2 3 4 5; do
    rm -f "$scratch/run.ckpt"
    "$dmlx" train --data digits --epochs 1000 --save "$scratch/run.ckpt" --save-every 1 --json > /dev/null &
    trainer=$!
    for _ in $(seq 200); do [ -s "$scratch/run.ckpt" ] && break; sleep 0.02; done
    sleep "0.$((attempt * 17 % 10))"
    kill -KILL "$trainer"
    wait "$trainer" 2>/dev/null
    "$dmlx" export "$scratch/run.ckpt" --out "$scratch/export-$attempt" > /dev/null 2>&1 && readable=$((readable + 1))
done
leftovers=$(find "$scratch" -maxdepth 1 -name '.run.ckpt.*' | wc -l)
if [ "$readable" -eq 5 ]; then
    verdict OK "SIGKILL during --save: 5 of 5 checkpoints readable ($leftovers temporary files left by the kills)"
else
    verdict FAIL "SIGKILL during --save: $readable of 5 checkpoints readable"
fi

echo "== a loss that turns NaN keeps the last good state"
# Weights of 3e38 are finite (the checkpoint is valid) but overflow in the first forward pass.
python3 - "$scratch" <<'PYTHON'
import base64, json, struct, sys
checkpoint = json.load(open(sys.argv[1] + "/good.ckpt"))
for tensor in checkpoint["parameters"]:
    count = tensor["rows"] * tensor["cols"]
    tensor["values"] = base64.b64encode(struct.pack("<%df" % count, *[3e38] * count)).decode()
json.dump(checkpoint, open(sys.argv[1] + "/overflowing.ckpt", "w"))
PYTHON
"$dmlx" train --resume "$scratch/overflowing.ckpt" --epochs 3 --json --save "$scratch/after.ckpt" > /dev/null 2> "$scratch/nan.txt"
status=$?
kept=$(python3 -c "import json, sys; a, b = (json.load(open(f)) for f in sys.argv[1:]); print(a['epoch'] == b['epoch'] and a['parameters'] == b['parameters'])" \
    "$scratch/overflowing.ckpt" "$scratch/after.ckpt" 2>/dev/null)
if [ "$status" -eq 1 ] && grep -q "loss became .*nan.* weights of epoch 1 are kept" "$scratch/nan.txt" && [ "$kept" = True ]; then
    verdict OK "NaN loss, headless: exit 1, \"$(sed 's/^Error: //' "$scratch/nan.txt" | head -1)\", --save holds epoch 1's weights"
else
    verdict FAIL "NaN loss, headless: exit $status, checkpoint kept: ${kept:-no}, message: $(head -1 "$scratch/nan.txt")"
fi
# A watched run pauses instead, with the message; the engine test drives one.
swift build -c release --build-tests 2>&1 | grep -E "error" | tail -3
if swift test -c release --disable-xctest --skip-build --filter TrainerDivergenceTests 2>&1 | grep -q "Suite TrainerDivergenceTests passed"; then
    verdict OK "NaN or infinite loss, watched: the run pauses as diverged with the message, weights and optimizer state of the last good epoch"
else
    verdict FAIL "NaN or infinite loss, watched: TrainerDivergenceTests failed"
fi

echo "== memory of a 1,000-epoch run"
read -r first last start_mb end_mb <<< "$(python3 - "$dmlx" <<'PYTHON'
import json, subprocess, sys
def rss(pid):
    """Resident MB, or None once the run has ended (gone, or a zombie without VmRSS)."""
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None
run = subprocess.Popen([sys.argv[1], "train", "--data", "digits", "--epochs", "1000", "--json"],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
readings = []  # (epoch, resident MB) as each epoch's record arrives while the run lives
for line in run.stdout:
    record, resident = json.loads(line), rss(run.pid)
    if resident is not None and "epoch" in record:
        readings.append((record["epoch"], resident))
run.wait()
(first, start), (last, end) = readings[1], readings[-1]
print(first, last, round(start, 1), round(end, 1))
PYTHON
)"
growth=$(python3 -c "print(round($end_mb - $start_mb, 1))")
if python3 -c "import sys; sys.exit(0 if $end_mb - $start_mb <= 10 else 1)"; then
    verdict OK "1,000-epoch digits run: RSS $start_mb MB at epoch $first, $end_mb MB at epoch $last (+$growth MB)"
else
    verdict FAIL "1,000-epoch digits run: RSS $start_mb MB at epoch $first, $end_mb MB at epoch $last (+$growth MB, more than 10 MB)"
fi

echo "== the engine/UI hand-off under ThreadSanitizer"
swift build -c release --sanitize=thread --product dmlx --scratch-path .build/tsan 2>&1 | grep -E "error|Build of product|Build complete" | tail -3
tsan="$(swift build -c release --sanitize=thread --scratch-path .build/tsan --show-bin-path)/dmlx"
mkdir -p "$scratch/tsan"
# Runs dmlx (TSan build) with ARGS in a private tmux terminal, sends the keys (one a second
# once the screen shows "epoch"), then q; prints its exit status.
drive() {  # drive NAME "ARGS" KEYS...
    local name=$1 arguments=$2
    shift 2
    tmux_ new-session -d -s "$name" -x 160 -y 48 \
        "cd $scratch; env TERM=tmux-256color TSAN_OPTIONS='log_path=$scratch/tsan/report halt_on_error=0' $tsan $arguments; echo \$? > $scratch/tsan/$name.status"
    for _ in $(seq 600); do tmux_ capture-pane -t "$name" -p 2>/dev/null | grep -q "epoch" && break; sleep 0.1; done
    for key in "$@"; do tmux_ send-keys -t "$name" "$key"; sleep 1; done
    tmux_ send-keys -t "$name" q
    for _ in $(seq 600); do [ -s "$scratch/tsan/$name.status" ] && break; sleep 0.1; done
    cat "$scratch/tsan/$name.status" 2>/dev/null || echo none
}
tmux_ new-session -d -s keeper -x 120 -y 40 "sleep 3600"
statuses=$(drive dashboard "tui --data digits --epochs 40 --pace 0.05" p p l l n Space '[' '[' ']' End r + - s \
               Tab Tab Tab j Enter j Enter Tab Tab Tab Tab Tab Space)
statuses+=" $(drive compare "compare --losses triplet,proxy-nca --seeds 2 --data digits --epochs 6 --pace 0" t t)"
fashion=/usr/share/datasets/fashion-mnist
statuses+=" $(drive view "view $fashion/t10k-images-idx3-ubyte.gz --labels $fashion/t10k-labels-idx1-ubyte.gz" l j p k + Tab Tab Tab)"
"$dmlx" train --data digits --epochs 30 --history "$scratch/watched" > /dev/null 2>&1 &
writer=$!
statuses+=" $(drive watch "watch $scratch/watched" '[' '[' p Tab Tab Tab j Enter End)"
wait "$writer"
tmux_ kill-server
reports=$(find "$scratch/tsan" -name 'report*' | wc -l)
if [ "$reports" -eq 0 ] && [ "$statuses" = "0 0 0 0" ]; then
    verdict OK "ThreadSanitizer: dashboard, compare over seeds, view while scoring, watch: exits $statuses, 0 reports"
else
    verdict FAIL "ThreadSanitizer: exits $statuses, $reports reports"
    find "$scratch/tsan" -name 'report*' -exec head -40 {} \;
fi

echo "== $failures failed"
[ "$failures" -eq 0 ]
