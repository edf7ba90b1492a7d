FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY streams streams
COPY agents agents
COPY enrichment enrichment
RUN pip install --no-cache-dir .
USER nobody
ENV AKHBAR_WEB_HOST=0.0.0.0
EXPOSE 6066
CMD ["akhbar", "worker"]
