# One image for every Linkway app; APP picks which one runs:
#   docker build -t linkway .      docker run -e APP=casework ... linkway
# The apps run from their TypeScript sources through tools/register.js (SWC), the same
# way `npm start` runs them, so there is no separate build output to keep in step.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production \
    TZ=UTC \
    LOG_FORMAT=json \
    HOST=0.0.0.0

# Dependencies first: this layer is reused until package*.json change.
# Dev dependencies are kept on purpose: the SWC register hook lives there.
COPY package.json package-lock.json ./
# `npm install` only as a fallback for a lock file out of step with package.json (it keeps
# the locked versions); fix the lock rather than relying on it.
RUN (npm ci --include=dev --no-audit --no-fund || npm install --include=dev --no-audit --no-fund) \
    && npm cache clean --force

COPY tsconfig.base.json ./
COPY tools/register.js ./tools/register.js
COPY tools/jest ./tools/jest
COPY libs ./libs
COPY apps ./apps
# The gateway serves the web UI from apps/web/dist (same command as `nx run web:build`).
RUN node_modules/.bin/vite build --config apps/web/vite.config.mts --logLevel warn
# Transpile every source once now: at run time `node` cannot write the cache, and a warm
# cache keeps SWC's native module out of each process (tools/register.js).
COPY tools/warm-swc-cache.js ./tools/warm-swc-cache.js
RUN node tools/warm-swc-cache.js

# No root at run time.
USER node

ARG APP=gateway
ENV APP=${APP}
EXPOSE 3000
# exec: node is PID 1's only child-free process and gets SIGTERM from `docker stop` directly
# node flags: see tools/lib/node-flags.js (the same flags as npm start)
CMD ["sh", "-c", "exec node --max-semi-space-size=2 --heap-growing-percent=25 --v8-pool-size=1 -r ./tools/register.js apps/$APP/src/main.ts"]
