#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) without Docker: the jars come from Maven Central (infra/kafka/pom.xml),
# state lives in infra/.cache/kafka, runtime files (config, log, pid) in infra/.run.
#
#   infra/kafka.sh fetch    download the jars once (skipped when the cache holds the pinned version and jars)
#   infra/kafka.sh pin      after changing kafka.version in infra/kafka/pom.xml: download and rewrite the pinned hashes
#   infra/kafka.sh start    start the broker in the background unless something already serves 127.0.0.1:9092
#   infra/kafka.sh stop     stop the broker this script started (and nothing else)
#   infra/kafka.sh status   exit 0 when a broker answers on 127.0.0.1:9092
set -euo pipefail

INFRA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB="$INFRA/.cache/kafka/lib"
DATA="$INFRA/.cache/kafka/data"
RUN="$INFRA/.run"
CONF="$RUN/kafka.properties"
LOG="$RUN/kafka.log"
PID_FILE="$RUN/kafka.pid"
HOST=127.0.0.1
PORT=9092
READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-90}"
VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$INFRA/kafka/pom.xml")"
# The SHA-256 of every jar the broker runs, committed: a jar that differs, is missing or is extra fails the fetch.
HASHES="$INFRA/kafka/jars.sha256"
JAVA_LOG="-Dlog4j2.configurationFile=$INFRA/kafka/log4j2.properties"

# Sends a raw ApiVersions v0 request (api key 18, correlation id 7) and expects the reply to carry correlation
# id 7 and error code 0. This proves the broker serves requests, not just that the port is bound (Kafka binds
# its listeners long before it processes requests), and costs milliseconds instead of a 1-2 s JVM start.
kafka_answers() {
  local reply
  reply="$(timeout 3 bash -c "exec 3<>/dev/tcp/$HOST/$PORT && printf '\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x07\xff\xff' >&3 && head -c 10 <&3" 2>/dev/null | od -An -tx1 | tr -d ' \n')" || return 1
  [[ ${reply:8:12} == 000000070000 ]]
}

port_taken() { timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null; }

# Prints the pid of the broker this script started, if that process is still alive. The command line is checked
# too, so a stale pid file never makes us signal an unrelated process that reused the pid.
our_pid() {
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
  [[ -n $pid ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $CONF" && echo "$pid"
}

die() { echo "kafka: $*" >&2; exit 1; }

# Startup failures show the end of the broker log: the reason is almost always there.
die_with_log() {
  echo "kafka: $*" >&2
  if [[ -s $LOG ]]; then echo "--- last lines of $LOG ---" >&2; tail -n 40 "$LOG" >&2; fi
  exit 1
}

# Java and Maven come with this project's machines; elsewhere they are installed from Debian's packages (root only).
install_package() {
  local package=$1 command=$2
  [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null || die "$command is needed: install the $package package and retry"
  echo "kafka: installing $package with apt-get ..." >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package"; } >/dev/null 2>&1 \
    || die "apt-get could not install $package"
}

# What a complete, checked cache is marked with: the version and the hash of the pinned list it was checked against,
# so a cache fetched before a change of either is fetched and checked again.
cache_mark() { echo "$VERSION $(sha256sum <"$HASHES" | cut -d' ' -f1)"; }

# Downloads the jars into $1 with Maven. -C: a jar whose checksum does not match Maven Central's fails the download
# (Maven's default only warns). Maven's output is shown only on failure (even with -q it prints stray colour codes).
download() {
  command -v mvn >/dev/null || install_package maven mvn
  echo "kafka: downloading Apache Kafka $VERSION from Maven Central into $1 ..." >&2
  rm -rf "$1"
  local out
  out="$(mvn -q -B -C -f "$INFRA/kafka/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$1" 2>&1)" || { echo "$out" >&2; die "Maven could not download the Kafka jars"; }
}

# Checks the jars in $1 against the pinned list: the same names, each with its pinned SHA-256.
verify() {
  local listed present
  listed="$(awk '{print $2}' "$HASHES" | sort)"
  present="$(cd "$1" && ls -1 -- *.jar | sort)"
  [[ $listed == "$present" ]] || die "the downloaded jars are not the ones pinned in $HASHES:
$(diff <(echo "$listed") <(echo "$present") | grep '^[<>]' | sed 's/^</  missing:/; s/^>/  not pinned:/')
(after changing kafka.version, run 'infra/kafka.sh pin' and commit $HASHES)"
  (cd "$1" && sha256sum --quiet --strict -c "$HASHES") >&2 \
    || die "a downloaded jar does not have the SHA-256 pinned in $HASHES (see above); nothing was installed"
}

fetch() {
  [[ -f $LIB/.version && "$(cat "$LIB/.version")" == "$(cache_mark)" ]] && return 0
  # Copy into a temporary directory and rename it at the end, so an interrupted or refused download is never used.
  download "$LIB.partial"
  verify "$LIB.partial"
  cache_mark >"$LIB.partial/.version"
  rm -rf "$LIB"
  mv "$LIB.partial" "$LIB"
}

# Rewrites the pinned list from a fresh download (checked against Maven Central's checksums); review the diff.
pin() {
  download "$LIB.partial"
  (cd "$LIB.partial" && sha256sum -- *.jar) >"$HASHES"
  rm -rf "$LIB.partial" "$LIB"
  echo "kafka: pinned $(wc -l <"$HASHES") jars of Apache Kafka $VERSION in $HASHES" >&2
}

# Waits until a broker answers. With "ours", fails as soon as our broker dies instead of waiting out the timeout
# (our_pid, not kill -0: a dead child stays a zombie until this script exits, and kill -0 succeeds on zombies).
wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  until kafka_answers; do
    [[ $1 != ours ]] || our_pid >/dev/null || die_with_log "the broker exited during startup"
    if ((SECONDS >= deadline)); then
      [[ $1 == ours ]] || die "$HOST:$PORT is taken by a process that does not answer as Kafka"
      die_with_log "no answer on $HOST:$PORT after ${READY_TIMEOUT}s; the broker is still running, 'infra/kafka.sh stop' ends it"
    fi
    sleep 0.5
  done
}

start() {
  # The jars first, even when a broker already answers (another checkout's): tests start throwaway brokers from them.
  command -v java >/dev/null || install_package openjdk-17-jre-headless java
  fetch
  if kafka_answers; then echo "kafka: already running"; return 0; fi
  if our_pid >/dev/null; then wait_ready ours; echo "kafka: already running"; return 0; fi
  if port_taken; then
    # Someone else's broker may still be starting; anything else on the port is a conflict we cannot solve.
    wait_ready other
    echo "kafka: already running"
    return 0
  fi
  mkdir -p "$RUN" "$DATA"
  sed "s|@DATA_DIR@|$DATA|" "$INFRA/kafka/server.properties" >"$CONF"
  # KRaft storage must be formatted once with a cluster id; meta.properties marks a formatted directory.
  # No --standalone: the quorum is given statically by controller.quorum.voters.
  if [[ ! -f $DATA/meta.properties ]]; then
    local cluster_id
    cluster_id="$(java "$JAVA_LOG" -cp "$LIB/*" kafka.tools.StorageTool random-uuid)"
    java "$JAVA_LOG" -cp "$LIB/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF" >/dev/null \
      || die "could not format $DATA (see the error above)"
  fi
  [[ ! -f $LOG ]] || mv -f "$LOG" "$LOG.1"
  # setsid: the broker gets its own session, so Ctrl-C or killing the caller's process group leaves it running.
  setsid java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true "$JAVA_LOG" -cp "$LIB/*" kafka.Kafka "$CONF" >"$LOG" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  wait_ready ours
  echo "kafka: started"
}

stop() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PID_FILE"
    echo "kafka: not started by infra/kafka.sh, nothing to stop"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  # A controlled shutdown takes a few seconds; after 30 s give up and kill it.
  local deadline=$((SECONDS + 30))
  while our_pid >/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if our_pid >/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.5; fi
  rm -f "$PID_FILE"
  echo "kafka: stopped"
}

status() {
  local pid=""
  pid="$(our_pid)" || true
  if kafka_answers; then
    echo "kafka: running on $HOST:$PORT${pid:+ (pid $pid, started by infra/kafka.sh)}"
  elif [[ -n $pid ]]; then
    echo "kafka: starting (pid $pid), not answering yet; log: $LOG"
    return 1
  else
    echo "kafka: not running"
    return 3
  fi
}

case "${1:-}" in
  fetch) fetch ;;
  pin) pin ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 fetch|pin|start|stop|status" >&2; exit 2 ;;
esac
