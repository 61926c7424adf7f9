#!/usr/bin/env bash
# Fuzz a running `rag serve` from its own OpenAPI schema: every check schemathesis has, 5xx included.
#   bench/api_schemathesis.sh [PORT] [more schemathesis options]    (MAX_EXAMPLES=100 by default)
# NUL bytes are not generated: the API refuses a NUL in a question on purpose (422), which the schema
# cannot say, so schemathesis would report that documented refusal as "a valid request rejected".
set -euo pipefail
port="${1:-8000}"
shift || true
exec schemathesis run "http://127.0.0.1:${port}/openapi.json" \
    --checks all \
    --max-examples "${MAX_EXAMPLES:-100}" \
    --generation-allow-x00 false \
    --request-timeout 30 \
    --no-color "$@"
