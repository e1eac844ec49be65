# kasm-sysbox-dashboard container image. Build: `npm run image` (README "In a container"),
# or `docker build -t kasm-sysbox-dashboard:local .` where Docker Hub is reachable.
# No `# syntax=` line: the built-in BuildKit frontend (Docker 20.10+) supports
# RUN --mount, and pulling a frontend image needs a registry.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: npm ci + next build (output: 'standalone') ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# The build machine's npm settings and extra CA certificates are BuildKit
# secrets: mounted for this one step, never written into a layer. Both are
# optional (a machine that reaches registry.npmjs.org directly needs neither).
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc,required=false \
    --mount=type=secret,id=ca,target=/run/secrets/build-ca.pem,required=false \
    if [ -s /run/secrets/build-ca.pem ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/build-ca.pem; fi; \
    npm ci --no-audit --no-fund --ignore-scripts
# better-sqlite3 (the history store, README "History") is a native addon, and npm ci
# ran no install scripts. It is built here, in the build stage only: where GitHub is
# reachable prebuild-install fetches a prebuilt binary; otherwise node-gyp compiles
# it with python3, make and g++ against the image's own Node headers
# (/usr/local/include/node). None of these tools reach the runtime stage.
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc,required=false \
    --mount=type=secret,id=ca,target=/run/secrets/build-ca.pem,required=false \
    if [ -s /run/secrets/build-ca.pem ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/build-ca.pem; fi; \
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null && \
    rm -rf /var/lib/apt/lists/* && \
    npm_config_nodedir=/usr/local npm rebuild better-sqlite3
COPY . .
# next build, then scripts/standalone.mjs: .next/static and public/ beside the
# standalone server, our server.js (env check + one-process server), check-env.cjs.
# KSD_IMAGE_BUILD=1 (next.config.mjs): no Turbopack disk cache, no type check (npm test does it).
RUN KSD_IMAGE_BUILD=1 npm run build

# ---- runtime: only the standalone output (with .next/static and public/) ----
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="kasm-sysbox-dashboard" \
      org.opencontainers.image.description="Read-only dashboard for a Kasm Workspaces agent running Sysbox: host readiness, containers with their live ID maps, and the Kasm JSON to paste." \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="0.1.0" \
      org.opencontainers.image.base.name="${NODE_IMAGE}" \
      org.opencontainers.image.documentation="README.md#running-it-on-a-kasm-agent"
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST_ROOT=/host \
    HOST_PROC=/proc \
    HOSTNAME=127.0.0.1 \
    PORT=3000 \
    DASHBOARD_DATA_DIR=/data/state
WORKDIR /app
COPY --from=build /src/.next/standalone/ ./
COPY scripts/healthcheck.cjs ./healthcheck.cjs
# The volume's top is 1777 and the app creates DASHBOARD_DATA_DIR=/data/state (0700)
# inside it: on a daemon with userns-remap the volume belongs to the remapped
# root, which the container (--userns=host, no CAP_DAC_OVERRIDE) could not write.
# Holds the session key and (without DASHBOARD_PASSWORD[_FILE]) the generated password's hash.
RUN mkdir -p /data /app/.next/cache && chmod 1777 /data
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "/app/healthcheck.cjs"]
# One process: env check (a child that exits first), then Next's handler in-process.
CMD ["node", "server.js"]
