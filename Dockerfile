# standin as a container: `docker build -t standin .` then
#   docker run --rm -p 4010:4010 -e STANDIN_ADMIN_TOKEN=... standin
# Scenarios, fixtures and standin.config.yaml are read from /standin (mount yours there).

# Build stage: the same tarball `npm pack` makes for the registry, so the image runs what users install.
FROM node:24-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp \
  && mv /tmp/standin-*.tgz /tmp/standin.tgz

FROM node:24-slim
ENV NODE_ENV=production
COPY --from=build /tmp/standin.tgz /tmp/standin.tgz
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/standin.tgz \
  && rm /tmp/standin.tgz && npm cache clean --force \
  && mkdir /standin && chown node:node /standin
# The official image's unprivileged user; standin needs no root and writes only recordings.
USER node
WORKDIR /standin
EXPOSE 4010
# Inside the container only: the port is published on the host's loopback by `-p 127.0.0.1:4010:4010`.
# Binding beyond loopback needs STANDIN_ADMIN_TOKEN; allowed Host names come from STANDIN_ALLOWED_HOSTS.
ENTRYPOINT ["standin", "start", "--host", "0.0.0.0"]
CMD ["--port", "4010"]
# Health needs no token; sending the container's own does no harm.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "const t = process.env.STANDIN_ADMIN_TOKEN; fetch('http://127.0.0.1:4010/_standin/health', { headers: t ? { authorization: 'Bearer ' + t } : {} }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
