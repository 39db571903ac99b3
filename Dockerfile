# One image per service, chosen with the SERVICE build argument (eligibility | entitlement | disbursement):
#   docker build --build-arg SERVICE=entitlement -t benefits-entitlement .
# The compiled output holds all three services, so SERVICE can also be overridden at run time (-e SERVICE=...).

# --- build: full dependencies, compile the TypeScript workspace to dist/ ---
FROM node:20-slim AS build
WORKDIR /app
# Dependencies first, so editing the sources does not invalidate the npm ci layer.
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.base.json tsconfig.build.json nx.json ./
COPY libs ./libs
COPY services ./services
# infra/ holds TypeScript that the build compiles too (sandboxes, scripts) and the path-alias loader.
COPY infra ./infra
RUN npm run build

# --- runtime: production dependencies and the compiled output only ---
FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# infra/paths.js maps the @benefits/* aliases (read from tsconfig.base.json) onto dist/ at run time.
COPY tsconfig.base.json ./
COPY infra/paths.js ./infra/paths.js

ARG SERVICE=eligibility
ENV SERVICE=${SERVICE}
# The old generation capped as in libs/platform/src/node-options.ts (SERVICE_NODE_OPTIONS): keeps a service under
# the 512 MB the compose file gives it. Override with -e NODE_OPTIONS=... if a deployment sizes it otherwise.
ENV NODE_OPTIONS=--max-old-space-size=320
USER node
# sh expands ${SERVICE}; exec then replaces sh with node so node receives SIGTERM and shuts down cleanly.
CMD ["sh", "-c", "exec node -r ./infra/paths.js dist/services/${SERVICE}/src/main.js"]
