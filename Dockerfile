# Build: the README's wrapper, tests left to CI (./mvnw verify runs them, and checks that
# the extract, training and start steps below work). The code targets Java 17; the image
# runs it on Java 25, whose ahead-of-time cache starts it in a fraction of the time.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -DskipTests package \
    && java -Djarmode=tools -jar target/jwt-auth.jar extract --layers --destination /extracted

# Run: Boot's layers on a JRE, dependencies first so that they are cached across releases,
# as an unprivileged user, configured by the environment.
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/data && chown app /app/data
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./

# Sized for a container of 512 MiB (it does not fit 256 MiB, see docs/PERFORMANCE.md): a
# heap that starts at 16 MiB and grows to at most 160 MiB (about 60 MiB stay live), the
# serial collector (one or two cores), compact object headers, small thread stacks,
# fewer malloc arenas, and freed native memory handed back; and an exit, for the
# container to be restarted, should the heap ever run out, rather than a process left
# running without the threads that died of it. Measured in docs/PERFORMANCE.md; override
# with -e JAVA_OPTS=... for a larger container. The options are those of
# bench/common.sh; keep the two the same.
ENV JAVA_OPTS="-Xms16m -Xmx160m -XX:+UseSerialGC -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -XX:+UseCompactObjectHeaders" \
    MALLOC_ARENA_MAX=2

# Training: start the application once, against a throwaway in-memory database and
# secret, and record the classes it loads and links in an AOT cache (JEP 483/514) that
# every start of the image then maps instead of loading them again. Both start the
# application context that Spring AOT worked out at build time (spring.aot.enabled).
# Then start it once more with the cache required (AOTMode=on): the cache's archived
# objects must fit the heap JAVA_OPTS starts with, and a cache the image could not use
# fails the build here instead of every start of the container.
RUN JWT_SECRET="$(head -c 32 /dev/urandom | base64)" SPRING_DATASOURCE_URL="jdbc:h2:mem:training" \
    java -Dspring.aot.enabled=true $JAVA_OPTS -XX:AOTCacheOutput=/app/jwt-auth.aot -Dspring.context.exit=onRefresh \
        -jar /app/jwt-auth.jar \
    && JWT_SECRET="$(head -c 32 /dev/urandom | base64)" SPRING_DATASOURCE_URL="jdbc:h2:mem:check" \
    java -Dspring.aot.enabled=true -XX:AOTMode=on -XX:AOTCache=/app/jwt-auth.aot $JAVA_OPTS \
        -Dspring.context.exit=onRefresh -jar /app/jwt-auth.jar \
    && test ! -e /app/data/jwt-secret

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-cp", "/app/jwt-auth.jar", "dev.jwtauth.ops.HealthProbe"]
# Arguments after the image name go to the application (e.g. create-superuser).
ENTRYPOINT ["sh", "-c", "exec java -Dspring.aot.enabled=true -XX:AOTCache=/app/jwt-auth.aot $JAVA_OPTS -jar /app/jwt-auth.jar \"$@\"", "--"]
