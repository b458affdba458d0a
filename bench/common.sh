# Shared by the benchmarks: the JDK, the production JVM options, the build, and the
# production launch (the extracted jar with a class cache trained on it, as the image).
# shellcheck shell=bash

# The JVM options of the image (Dockerfile, JAVA_OPTS); keep the two the same.
production_java_opts="-Xms64m -Xmx160m -XX:+UseSerialGC -Xss512k -XX:TrimNativeHeapInterval=5000"
# As the image: fewer malloc arenas than one per core and thread.
export MALLOC_ARENA_MAX=2

if [[ -n "${BENCH_JAVA_HOME:-}" ]]; then java="$BENCH_JAVA_HOME/bin/java"
elif [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"
else java=java; fi
java_feature="$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')"
# Java 25's compact object headers (JEP 519) make every object 4 bytes smaller.
((java_feature >= 25)) && production_java_opts+=" -XX:+UseCompactObjectHeaders"
java_opts="${BENCH_JAVA_OPTS:-$production_java_opts}"

build() {
	if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
		./mvnw -B -q -ntp -DskipTests package
	fi
}

# Extracts the jar into $1 and trains a class cache on it: an AOT cache from Java 25 on,
# a CDS archive before. Both start the application context that Spring AOT worked out
# at build time, as the image does. Sets cache_options to the options that use them.
prepare_production_launch() {
	local app="$1" train
	"$java" -Djarmode=tools -jar target/jwt-auth.jar extract --destination "$app" >/dev/null
	if ((java_feature >= 25)); then
		train=(-Dspring.aot.enabled=true -XX:AOTCacheOutput="$app/jwt-auth.aot")
		cache_options=(-Dspring.aot.enabled=true -XX:AOTCache="$app/jwt-auth.aot")
	else
		train=(-Dspring.aot.enabled=true -XX:ArchiveClassesAtExit="$app/jwt-auth.jsa")
		cache_options=(-Dspring.aot.enabled=true -XX:SharedArchiveFile="$app/jwt-auth.jsa")
	fi
	# shellcheck disable=SC2086
	JWT_SECRET="$(head -c 32 /dev/urandom | base64)" SPRING_DATASOURCE_URL="jdbc:h2:mem:training" \
		"$java" $java_opts "${train[@]}" -Dspring.context.exit=onRefresh -jar "$app/jwt-auth.jar" \
		>"$app/training.log" 2>&1
}
