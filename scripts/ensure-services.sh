#!/usr/bin/env bash
# Checks PostgreSQL and RabbitMQ. With --start, starts the local ones when they
# are down (as CI does); otherwise says exactly how to start them.
set -u
start=false; [ "${1:-}" = "--start" ] && start=true
db_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/front_agent}"
amqp_url="${AMQP_URL:-amqp://guest:guest@127.0.0.1:5672}"
host_port() { node -e 'const u=new URL(process.argv[1]); console.log(u.hostname+" "+(u.port||process.argv[2]))' "$1" "$2"; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
read -r pg_host pg_port < <(host_port "$db_url" 5432)
read -r mq_host mq_port < <(host_port "$amqp_url" 5672)
pg_start='pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'
mq_start='rabbitmq-server -detached'

wait_for() { for _ in $(seq 1 60); do port_open "$1" "$2" && return 0; sleep 1; done; return 1; }
ok=true
if ! port_open "$pg_host" "$pg_port"; then
  if $start && command -v pg_ctlcluster >/dev/null; then
    echo "PostgreSQL is down; starting it…"; eval "$pg_start" || true; wait_for "$pg_host" "$pg_port" || ok=false
  else
    echo "PostgreSQL is not reachable at $pg_host:$pg_port. Start it with:"; echo "  $pg_start"; ok=false
  fi
fi
if ! port_open "$mq_host" "$mq_port"; then
  if $start && command -v rabbitmq-server >/dev/null; then
    echo "RabbitMQ is down; starting it…"; $mq_start || true; wait_for "$mq_host" "$mq_port" || ok=false
    rabbitmqctl await_startup >/dev/null 2>&1 || true
  else
    echo "RabbitMQ is not reachable at $mq_host:$mq_port. Start it with:"; echo "  $mq_start"; ok=false
  fi
fi
$ok || { echo "Or point DATABASE_URL / AMQP_URL at running servers."; exit 1; }
echo "PostgreSQL ($pg_host:$pg_port) and RabbitMQ ($mq_host:$mq_port) are up."
