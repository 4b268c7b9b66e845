# syntax=docker/dockerfile:1
# The rag-ledger API. Build: docker build -t rag-ledger .   (docker compose up builds it too)

# --- build: compile the app (and better-sqlite3, whose prebuilt binary may not be reachable) ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# `npm run build` writes dist/.build-stamp last: with it, and with no sources in the image,
# scripts/ensure-built.js takes dist/ as current and never tries to rebuild without the dev
# dependencies. test/build/image-layout.spec.ts runs these steps without Docker.
RUN npm run build \
 && npm prune --omit=dev

# --- run: the built app and its production dependencies only ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    RAG_LEDGER_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# `npm run token|admin:create|migrate:to-eventstoredb|projections:rebuild|import|demo|verify|replay`
# work inside the container: they run scripts/ensure-built.js, which finds the build stamp.
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/samples ./samples
RUN mkdir -p /data && chown node:node /data
USER node
# The embedded log (when EventStoreDB is not configured), this node's read models
# and the generated token secret.
VOLUME ["/data"]
EXPOSE 3000
# Healthy when the API answers and its event store is reachable.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>r.json()).then(b=>process.exit(b.status==='ok'&&b.reachable?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) drains in-flight requests, stops the projections and closes the store.
CMD ["node", "dist/apps/api/src/main.js"]
