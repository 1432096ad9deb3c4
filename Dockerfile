# syntax=docker/dockerfile:1
# One image for every role: `autofix serve` (default), `autofix worker`, or `autofix run` (both).

# Python dependencies and the project, in a virtualenv copied into the final image.
FROM python:3.11-slim AS python
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY config ./config
COPY receiver ./receiver
COPY pipeline ./pipeline
COPY cli ./cli
COPY standins ./standins
RUN pip install .

# The pinned OpenCode binary (npm opencode-ai); Node is needed to install it, not to run it.
FROM node:20-bookworm-slim AS opencode
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && node_modules/.bin/opencode --version

FROM python:3.11-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates tini \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 autofix \
    && mkdir -p /data && chown autofix:autofix /data
COPY --from=python /opt/venv /opt/venv
COPY --from=opencode /app/node_modules /app/node_modules
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    AUTOFIX_HOST=0.0.0.0 \
    PORT=8000 \
    AUTOFIX_DATA_DIR=/data \
    AUTOFIX_LOG_FORMAT=json \
    OPENCODE_BIN=/app/node_modules/.bin/opencode
USER autofix
WORKDIR /home/autofix
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["autofix", "healthcheck"]
ENTRYPOINT ["tini", "--", "autofix"]
CMD ["serve"]
