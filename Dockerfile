# Waypoint: API + console on one port. Build: docker compose build (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY admin/package.json admin/
RUN npm ci --no-audit --no-fund
COPY . .
# The console bundle and the API compiled to JavaScript (npm start then finds nothing to rebuild).
RUN npm run build --workspace admin && npm run build --workspace api
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
USER node
CMD ["node", "scripts/start.mjs"]
