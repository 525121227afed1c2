# syntax=docker/dockerfile:1
# Ambient Lens: Next.js standalone server on Node 22 LTS.
# Runs as a non-root user and under any UID OpenShift assigns (group 0 owns and may write what it needs).
#
# BASE_PATH is baked into the client bundles by `next build`: to serve under a sub-path, build with
#   docker build --build-arg BASE_PATH=/ambient-lens .
# and run the image with the same BASE_PATH.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
ARG BASE_PATH=""
ENV BASE_PATH=${BASE_PATH} NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
WORKDIR /src
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npx next build

FROM ${NODE_IMAGE} AS runtime
ARG BASE_PATH=""
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 BASE_PATH=${BASE_PATH}
WORKDIR /app
# The standalone server with its static assets and public/ beside server.js, as `next start` would serve them.
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
COPY --from=build /src/public ./public
COPY deploy/image/tls-front.mjs ./tls-front.mjs
# Arbitrary UID, group 0: group owns everything and has the owner's rights; .next/cache is writable
# (mount an emptyDir there with readOnlyRootFilesystem).
RUN mkdir -p .next/cache \
 && chgrp -R 0 /app \
 && chmod -R g=u /app
USER 1001:0
EXPOSE 3000
CMD ["node", "server.js"]
