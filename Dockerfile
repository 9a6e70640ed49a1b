# Build with the dev dependencies (TypeScript, Vite), run with the production ones only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY web/postinstall.mjs ./web/postinstall.mjs
# The dashboard's sources are not here yet, so its postinstall build is skipped; `npm run build` builds it.
RUN npm ci --no-audit --no-fund
COPY src ./src
COPY schema ./schema
COPY web ./web
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY web/postinstall.mjs ./web/postinstall.mjs
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY web/trusted-documents.json ./web/trusted-documents.json
COPY schema ./schema
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:4000/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# The heap settings of `npm run start:prod`: a capped old space, and a young one big enough that a
# nested query's short-lived objects die young (about a fifth less CPU); BENCHMARKS.md measures both.
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=32", "dist/main.js"]
