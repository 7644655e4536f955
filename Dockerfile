# One image for every newswatch service; the command picks the stage (ingest, enrich, sink).
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -DskipTests install

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/cli/target/newswatch-cli.jar /app/newswatch-cli.jar
COPY --from=build /src/cli/target/lib /app/lib
COPY --from=build /src/enrich/src/main/resources/taxonomy /app/taxonomy
COPY --from=build /src/samples /app/samples
RUN useradd --system --uid 10001 newswatch && mkdir -p /data && chown newswatch /data
USER newswatch
ENV NEWSWATCH_DATA_DIR=/data
# The launcher's JIT flags (see ./newswatch): less C2 inlining, faster warm-up on few cores.
# -e JDK_JAVA_OPTIONS= turns them off.
ENV JDK_JAVA_OPTIONS="-XX:FreqInlineSize=150 -XX:InlineSmallCode=1000"
# Out of memory, exit (the orchestrator restarts it) rather than run on with dead threads.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/newswatch-cli.jar"]
