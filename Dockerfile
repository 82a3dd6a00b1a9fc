# cxone-handoff container image.
# Build the jar first (mvn -DskipTests package), then: docker build -t cxone-handoff .
# BASE_IMAGE: any image with a Java 17 runtime; override with --build-arg where no registry is reachable.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

WORKDIR /app
# non-root user that owns only the data directory
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cxone \
 && mkdir -p /app/data && chown cxone /app/data

# dependencies first: this layer changes only when the pom does
COPY target/lib/ /app/lib/
# then the application: jar, routes and settings
COPY target/cxone-handoff.jar /app/cxone-handoff.jar
COPY routes/ /app/routes/
COPY application.properties /app/application.properties

USER cxone
VOLUME ["/app/data"]
# connection settings: CXONE_BASE_URL, CXONE_WS_URL, CXONE_CLIENT_ID, CXONE_CLIENT_SECRET, CXONE_QUEUE_ID,
# CXONE_SCOPES (optional). Without CXONE_BASE_URL the embedded simulator runs.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/cxone-handoff.jar"]
