# Waypoint: API + console on one port, on Node 24 LTS. Build and run: see docker-compose.yml.

# 1. Build: every dependency, the console bundle and the API compiled to JavaScript.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY admin/package.json admin/
COPY examples/progress/package.json examples/progress/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build --workspace admin && npm run build:graphiql --workspace admin && npm run build --workspace api && npm run docs --workspace api

# 2. Run: the API's production dependencies only (the image's own Node 24, not the npm `node` package), the
#    compiled API, its sources for the CLIs (npm run seed, create-user, migrate), the console bundle and GraphiQL's.
FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY admin/package.json admin/
COPY examples/progress/package.json examples/progress/
RUN npm ci --omit=dev --workspace api --include-workspace-root --no-audit --no-fund && npm cache clean --force
COPY schema.graphql ./
COPY api/scripts api/scripts
COPY api/tsconfig.json api/
COPY tsconfig.json ./
COPY api/src api/src
COPY --from=build /app/api/dist api/dist
COPY --from=build /app/admin/dist admin/dist
COPY --from=build /app/admin/graphiql/dist admin/graphiql/dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
WORKDIR /app/api
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "--heap-growing-percent=100", "dist/main.js"]
