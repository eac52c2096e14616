# syntax=docker/dockerfile:1
# db-cloner's container image: built with the Maven wrapper on a JDK, run on a JRE as a non-root user with a
# read-only root filesystem. See README, "Deploy to Kubernetes".
#
#   docker build -t db-cloner:0.1.0 .
#   docker run --rm --read-only -e CLONER_SOURCE_URL=... db-cloner:0.1.0            (runs `clone`)
#   docker run --rm --read-only ... db-cloner:0.1.0 verify                             (any other command)

# ---- build: the same Maven command CI runs (.ci/run), with the tests skipped: they need a MariaDB server and
# Bats, which this stage does not have, and CI has already run them on the same commit.
FROM eclipse-temurin:17.0.15_6-jdk-noble AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B verify -DskipTests
# Split the jar into Spring Boot's layers (dependencies change less often than the application), keeping
# `java -jar db-cloner.jar` as the way to start it: extracted/application/db-cloner.jar with its lib/ beside it.
RUN java -Djarmode=tools -jar target/db-cloner.jar extract --layers --destination extracted

# ---- run: a JRE only, and nothing writable but the two volumes below.
FROM eclipse-temurin:17.0.15_6-jre-noble
# A numeric user, so that Kubernetes' runAsNonRoot can check it; it owns only the volume mount points.
RUN groupadd --system --gid 10001 db-cloner \
	&& useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin db-cloner \
	&& mkdir -p /app/data /app/tmp \
	&& chown 10001:10001 /app/data /app/tmp
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# Class data sharing: a training run starts the application context and stops (spring.context.exit=onRefresh),
# recording the classes it loaded, parsed and verified into db-cloner.jsa; every run maps them from there instead.
# The run starts about 0.7 s sooner on 2 cores (bench/). It must run here, in the runtime image, with the JVM and
# class path the runs use: a JVM that cannot use the archive ignores it and starts as before. The training's H2
# job repository is removed with it.
RUN java -XX:ArchiveClassesAtExit=db-cloner.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
	-Dspring.context.exit=onRefresh -jar db-cloner.jar history && rm -rf data/*
# /app/data: the backups (./data/backups) and, when no MySQL job repository is configured, the H2 one
# (./data/job-repository); keep it on a persistent volume. /app/tmp: scratch (zstd-jni unpacks its native
# library there), empty at every start.
VOLUME ["/app/data", "/app/tmp"]
USER 10001:10001
# The heap follows the container's memory limit; the rest of the limit is left for metaspace, threads, direct
# buffers and zstd's native memory (k8s/base/cronjob.yaml sizes the limit for this). TieredStopAtLevel=1: a run
# lasts seconds to minutes, and its hot loops wait on the servers, so the C2 compiler's work (4 of the 10 CPU
# seconds of a 1M-row clone on 2 cores, competing with the database server) never pays back (bench/).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=db-cloner.jsa", \
	"-Djava.io.tmpdir=/app/tmp", "-jar", "db-cloner.jar"]
CMD ["clone"]
