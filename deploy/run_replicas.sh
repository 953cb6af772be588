#!/usr/bin/env bash
# Several replicas of the dashboard behind nginx (Debian's package) with session affinity, all as the current user.
#
#   deploy/run_replicas.sh start            # 2 replicas on 127.0.0.1:8601-8602, nginx on http://127.0.0.1:8080
#   deploy/run_replicas.sh status
#   deploy/run_replicas.sh kill 8601        # kill one replica at once (SIGKILL), as a crash would
#   deploy/run_replicas.sh stop             # stop nginx and every replica
#
# Settings (environment):
#   REPLICAS=2          number of Streamlit replicas
#   BASE_PORT=8601      replica i listens on 127.0.0.1:(BASE_PORT + i)
#   NGINX_PORT=8080     nginx's port
#   NGINX_LISTEN=127.0.0.1   nginx's address (the host's own address to serve other machines)
#   PREFIX=/tmp/apecgpu-deploy   pid files, logs, nginx temp files, the rendered nginx.conf and the cookie secret
#   APECGPU_DATA_DIR    passed through to every replica (default: the repository's data/)
#
# Every replica gets the same Streamlit cookie secret (generated once into $PREFIX/cookie_secret, mode 600), so
# a cookie one replica signed is valid on the others after a failover. The template is deploy/nginx.conf.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPLICAS="${REPLICAS:-2}"
BASE_PORT="${BASE_PORT:-8601}"
NGINX_PORT="${NGINX_PORT:-8080}"
NGINX_LISTEN="${NGINX_LISTEN:-127.0.0.1}"
PREFIX="${PREFIX:-/tmp/apecgpu-deploy}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
WAIT_S="${WAIT_S:-90}"

nginx_cmd() {
    "$NGINX" -p "$PREFIX" -c "$PREFIX/nginx.conf" -e "$PREFIX/logs/error.log" "$@"
}

wait_ok() {  # URL: wait until it answers 200, or fail after WAIT_S seconds
    local url="$1" i
    for ((i = 0; i < WAIT_S * 4; i++)); do
        if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.25
    done
    echo "ERROR: $url did not answer within ${WAIT_S}s" >&2
    return 1
}

alive() {  # PIDFILE: is the process in it running?
    [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

start() {
    mkdir -p "$PREFIX/logs" "$PREFIX/tmp" "$PREFIX/run"
    if [ ! -s "$PREFIX/cookie_secret" ]; then
        (umask 077 && head -c 32 /dev/urandom | base64 > "$PREFIX/cookie_secret")
    fi
    local secret upstreams="" i i2 port
    secret="$(cat "$PREFIX/cookie_secret")"
    for ((i = 0; i < REPLICAS; i++)); do
        port=$((BASE_PORT + i))
        upstreams+="        server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;"$'\n'
        if alive "$PREFIX/run/replica-$port.pid"; then
            echo "replica on :$port already running (pid $(cat "$PREFIX/run/replica-$port.pid"))"
            continue
        fi
        # setsid: each replica leads its own process group, so stop/kill also end what it started (an export's
        # headless Chromium); the pid is written from inside the new session (setsid may fork). The secret goes by
        # environment, not argv (argv is visible in ps).
        (cd "$ROOT" && STREAMLIT_SERVER_COOKIE_SECRET="$secret" PIDFILE="$PREFIX/run/replica-$port.pid" \
            setsid bash -c 'echo $$ >"$PIDFILE"; exec "$@"' replica "$PYTHON" -m streamlit run dashboard.py \
            --server.port "$port" --server.address 127.0.0.1 --server.headless true \
            --browser.gatherUsageStats false --server.fileWatcherType none \
            </dev/null >"$PREFIX/logs/replica-$port.log" 2>&1 &)
        for ((i2 = 0; i2 < 40; i2++)); do
            [ -s "$PREFIX/run/replica-$port.pid" ] && break
            sleep 0.05
        done
        echo "replica on :$port started (pid $(cat "$PREFIX/run/replica-$port.pid"))"
    done
    for ((i = 0; i < REPLICAS; i++)); do
        wait_ok "http://127.0.0.1:$((BASE_PORT + i))/_stcore/health"
    done
    # Render the template: @PREFIX@, @LISTEN@, @PORT@ and one upstream line per replica.
    local rendered
    rendered="$(sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@LISTEN@|$NGINX_LISTEN|g" -e "s|@PORT@|$NGINX_PORT|g" \
        "$ROOT/deploy/nginx.conf")"
    printf '%s\n' "${rendered/@UPSTREAMS@/${upstreams%$'\n'}}" >"$PREFIX/nginx.conf"
    if alive "$PREFIX/nginx.pid"; then
        nginx_cmd -s reload
        echo "nginx reloaded"
    else
        nginx_cmd -t -q
        # The daemon must not keep the caller's stdout/stderr open (a caller reading them would wait forever).
        nginx_cmd </dev/null >>"$PREFIX/logs/nginx.out" 2>&1
        echo "nginx started (pid $(cat "$PREFIX/nginx.pid"))"
    fi
    wait_ok "http://$NGINX_LISTEN:$NGINX_PORT/_stcore/health"
    echo "dashboard: http://$NGINX_LISTEN:$NGINX_PORT/   (replicas: $REPLICAS from :$BASE_PORT; files: $PREFIX)"
}

stop_group() {  # PIDFILE: TERM the process group it leads, KILL after 10 s
    local pidfile="$1" pid i
    [ -f "$pidfile" ] || return 0
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 40; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.25
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

stop() {
    if alive "$PREFIX/nginx.pid"; then
        nginx_cmd -s quit || kill -TERM "$(cat "$PREFIX/nginx.pid")" 2>/dev/null || true
        local i
        for ((i = 0; i < 40; i++)); do
            alive "$PREFIX/nginx.pid" || break
            sleep 0.25
        done
        if alive "$PREFIX/nginx.pid"; then kill -KILL "$(cat "$PREFIX/nginx.pid")" 2>/dev/null || true; fi
        echo "nginx stopped"
    fi
    rm -f "$PREFIX/nginx.pid"
    local pidfile
    for pidfile in "$PREFIX"/run/replica-*.pid; do
        [ -e "$pidfile" ] || continue
        stop_group "$pidfile"
        echo "replica $(basename "$pidfile" .pid | sed 's/replica-/:/') stopped"
    done
}

status() {
    local pidfile rc=0
    if alive "$PREFIX/nginx.pid"; then
        echo "nginx: running (pid $(cat "$PREFIX/nginx.pid")), http://$NGINX_LISTEN:$NGINX_PORT/"
    else
        echo "nginx: not running"; rc=1
    fi
    for pidfile in "$PREFIX"/run/replica-*.pid; do
        [ -e "$pidfile" ] || continue
        if alive "$pidfile"; then
            echo "replica $(basename "$pidfile" .pid): running (pid $(cat "$pidfile"))"
        else
            echo "replica $(basename "$pidfile" .pid): dead"; rc=1
        fi
    done
    return "$rc"
}

kill_replica() {  # PORT: SIGKILL that replica's process group now (what a crash looks like to nginx)
    local pidfile="$PREFIX/run/replica-$1.pid"
    if ! alive "$pidfile"; then
        echo "no running replica on :$1" >&2
        return 1
    fi
    kill -KILL -- "-$(cat "$pidfile")"
    echo "replica on :$1 killed (pid $(cat "$pidfile"))"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    kill) kill_replica "${2:?usage: $0 kill PORT}" ;;
    *) echo "usage: $0 start|stop|status|kill PORT   (settings: see the top of this file)" >&2; exit 2 ;;
esac
