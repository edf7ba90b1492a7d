# Two stages: the engine's Cython kernels (enrichment/*.pyx, enrichment/ner/*.pyx) are compiled where gcc is, and the
# runtime image gets only the built wheels.
FROM python:3.11 AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY streams streams
COPY agents agents
COPY enrichment enrichment
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER nobody
ENV AKHBAR_WEB_HOST=0.0.0.0
EXPOSE 6066
CMD ["akhbar", "worker"]
