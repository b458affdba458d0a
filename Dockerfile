# Build: the README's wrapper, tests left to CI (./mvnw verify runs them, and checks that
# the extract and start steps below work).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -DskipTests package \
    && java -Djarmode=tools -jar target/jwt-auth.jar extract --layers --launcher --destination /extracted

# Run: Boot's layers on a JRE, dependencies first so that they are cached across releases,
# as an unprivileged user, configured by the environment.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/data && chown app /app/data
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-cp", "/app/BOOT-INF/classes", "dev.jwtauth.ops.HealthProbe"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
