# syntax=docker/dockerfile:1.7
#
# One image for every front-agent service. The build compiles all apps into
# dist/; which one runs is chosen by
#   - the build arg APP (baked in as the default):
#       docker build --build-arg APP=webhook-ingress -t front-agent/webhook-ingress .
#   - or the APP environment variable at run time:
#       docker run -e APP=ai-responder front-agent
#   - or the command:
#       docker run front-agent node dist/apps/conversation-sync/src/main.js
# APP is one of: webhook-ingress, integration-settings, conversation-sync,
# ai-responder, front-sandbox.
#
# NODE_MODULES=production (default) ships `npm ci --omit=dev`. The Front
# sandbox validates against Front's OpenAPI spec with dev-only packages, so its
# image is built with --build-arg NODE_MODULES=all (docker-compose.yml does).

ARG NODE_IMAGE=node:24-slim
ARG NODE_MODULES=production

# ---------------------------------------------------------------- base ----
FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false

# ---------------------------------------------------------------- deps ----
# Every dependency (dev included): what the build needs.
FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

# --------------------------------------------------------------- build ----
FROM deps AS build
COPY . .
# Compile apps and libs to dist/, then the dashboard (when the workspace has it),
# then gather what the runtime needs in /out. A web app's build goes beside its
# compiled service (dist/apps/<app>/web/dist), where the service resolves it
# relative to its own code.
RUN npm run build \
 && npm run build:web --if-present \
 && mkdir -p /out \
 && cp -R dist /out/dist \
 && for web in apps/*/web/dist; do \
      if [ -d "$web" ]; then mkdir -p "/out/dist/$(dirname "$web")" && cp -R "$web" "/out/dist/$web"; fi; \
    done

# ------------------------------------------------------- node_modules ----
# Production dependencies only.
FROM base AS modules-production
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# Everything (for the Front sandbox, which needs ajv and openapi-backend).
FROM deps AS modules-all

FROM modules-${NODE_MODULES} AS modules

# ------------------------------------------------------------- runtime ----
FROM ${NODE_IMAGE} AS runtime
ARG APP=""
ENV NODE_ENV=production \
    APP=${APP}
WORKDIR /app

# Code and dependencies stay owned by root: the service user can read, not change them.
COPY --from=modules /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /out/ ./

# The node user of the official image (uid/gid 1000), numeric so that
# Kubernetes' runAsNonRoot can verify it.
USER 1000:1000

# webhook-ingress 3001, integration-settings 3002, conversation-sync 3003,
# ai-responder 3004, front-sandbox 3100; PORT overrides a service's default.
EXPOSE 3001 3002 3003 3004 3100

# Liveness through node's fetch (slim images have no curl): /health/live on the
# app's port (PORT, else its default). The sandbox answers /_sandbox/state on
# FRONT_SANDBOX_HOST:FRONT_SANDBOX_PORT. Compose overrides this with
# /health/ready; Kubernetes ignores it and uses its probes.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const env=process.env;const sandbox=env.APP==='front-sandbox';const ports={'webhook-ingress':3001,'integration-settings':3002,'conversation-sync':3003,'ai-responder':3004};const port=sandbox?(env.FRONT_SANDBOX_PORT||3100):(env.PORT||ports[env.APP]);if(!port)process.exit(1);const h=sandbox?env.FRONT_SANDBOX_HOST:'';const host=!h||h==='0.0.0.0'||h==='::'?'127.0.0.1':h.includes(':')?'['+h+']':h;fetch('http://'+host+':'+port+(sandbox?'/_sandbox/state':'/health/live'),{signal:AbortSignal.timeout(4000)}).then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Exec-form CMD does not expand variables, so a shell picks the app and then
# execs node: node is PID 1's replacement and receives SIGTERM directly.
# Equivalent to CMD ["node", "dist/apps/${APP}/src/main.js"].
CMD ["/bin/sh", "-c", "exec node \"dist/apps/${APP:?set APP (build arg or env) to webhook-ingress, integration-settings, conversation-sync, ai-responder or front-sandbox}/src/main.js\""]
