# cxone-handoff container image: a JRE, the dependencies layer, then the application layer.
#   mvn -q -DskipTests package && docker build -t cxone-handoff .        (or podman build)
# BASE_IMAGE: any Debian/Ubuntu-based image with a Java 17 runtime and bash. Where no registry is
# reachable, make one locally (ops/container-smoke.sh does: debootstrap + podman import).
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

WORKDIR /app
# non-root user that owns only the data directory
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cxone \
 && mkdir -p /app/data && chown cxone /app/data

# dependencies first: this layer changes only when the pom does
COPY target/lib/ /app/lib/
COPY target/hawtio/hawtio.war /app/hawtio.war
# then the application: jar, routes and settings
COPY target/cxone-handoff.jar /app/cxone-handoff.jar
COPY routes/ /app/routes/
COPY application.properties /app/application.properties
# the class-data archive a restart starts from (AppCDS): a short training run against the embedded simulator, made
# here because it fits this image's JDK and jars only; a restart then maps the classes instead of loading them
COPY bin/class-data-archive /app/bin/class-data-archive
RUN bin/class-data-archive /app/cxone-handoff.jar /app/cxone-handoff.jsa

# listen on all interfaces inside the container (health, metrics, console); the console stays off
# unless HAWTIO_USER and HAWTIO_PASSWORD are given at run time
ENV CXONE_HANDOFF_MANAGEMENT_HOST=0.0.0.0 \
    HAWTIO_HOST=0.0.0.0 \
    CONSOLE_WAR=/app/hawtio.war \
    CXONE_HANDOFF_DATA_DIR=/app/data
EXPOSE 8080 8081
USER cxone
# handed-off interactions and dead letters survive the container
VOLUME ["/app/data"]
# ready = the event stream is connected, authenticated and subscribed; bash's /dev/tcp needs no curl
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${CXONE_HANDOFF_MANAGEMENT_PORT:-8080} && printf 'GET /observe/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# connection settings: CXONE_BASE_URL, CXONE_WS_URL, CXONE_CLIENT_ID, CXONE_CLIENT_SECRET, CXONE_QUEUE_ID,
# CXONE_SCOPES (optional), CXONE_RATE_LIMIT_RPS. Without CXONE_BASE_URL the embedded simulator runs.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/cxone-handoff.jsa", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/cxone-handoff.jar"]
