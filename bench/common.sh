# Shared by the benchmarks: the JDK, the production JVM options, the build, and the
# production launch (the extracted jar with a class cache trained on it, as the image).
# shellcheck shell=bash

# The JVM options of the image (Dockerfile, JAVA_OPTS); keep the two the same.
production_java_opts="-Xms16m -Xmx160m -XX:+UseSerialGC -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
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
# at build time, as the image does; with "jvm-only" as $2 they do not (the JDK's cache
# alone, for comparison). Sets cache_options to the options that use them.
prepare_production_launch() {
	local app="$1" spring=(-Dspring.aot.enabled=true) train
	[[ "${2:-}" == jvm-only ]] && spring=()
	"$java" -Djarmode=tools -jar target/jwt-auth.jar extract --destination "$app" >/dev/null
	if ((java_feature >= 25)); then
		train=("${spring[@]}" -XX:AOTCacheOutput="$app/jwt-auth.aot")
		cache_options=("${spring[@]}" -XX:AOTCache="$app/jwt-auth.aot")
	else
		train=("${spring[@]}" -XX:ArchiveClassesAtExit="$app/jwt-auth.jsa")
		cache_options=("${spring[@]}" -XX:SharedArchiveFile="$app/jwt-auth.jsa")
	fi
	# shellcheck disable=SC2086
	JWT_SECRET="$(head -c 32 /dev/urandom | base64)" SPRING_DATASOURCE_URL="jdbc:h2:mem:training" \
		"$java" $java_opts "${train[@]}" -Dspring.context.exit=onRefresh -jar "$app/jwt-auth.jar" \
		>"$app/training.log" 2>&1
}

# BENCH_MEMORY_LIMIT (bench/run): the service starts in a memory cgroup of that size, as in
# a container with a memory limit. create_memory_cgroup makes it and sets memory_cgroup (its
# directory), memory_cgroup_version (1 or 2) and in_memory_cgroup (a prefix for the launch
# line: empty without a limit); remove_memory_cgroup removes it once its process is gone.
memory_cgroup="" memory_cgroup_version="" in_memory_cgroup=()
create_memory_cgroup() {
	[[ -n "${BENCH_MEMORY_LIMIT:-}" ]] || return 0
	local bytes dir why=""
	if ! bytes="$(numfmt --from=iec "$BENCH_MEMORY_LIMIT" 2>/dev/null)" || ((bytes <= 0)); then
		echo "BENCH_MEMORY_LIMIT=$BENCH_MEMORY_LIMIT is not a size such as 256M or 1G" >&2
		exit 1
	fi
	# cgroup v2 where it is the memory controller's hierarchy; its children have memory.max
	# only when the root hands the controller down (cgroup.subtree_control).
	if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
		dir="/sys/fs/cgroup/jwt-auth-bench-$$"
		if [[ ! -w /sys/fs/cgroup ]] || ! mkdir "$dir" 2>/dev/null; then
			why="cannot create $dir (cgroup v2)"
		elif [[ ! -f "$dir/memory.max" ]] || ! echo "$bytes" >"$dir/memory.max" 2>/dev/null; then
			why="$dir has no writable memory.max: the memory controller is not enabled in /sys/fs/cgroup/cgroup.subtree_control"
			rmdir "$dir" 2>/dev/null || true
		else
			# No swap, as a container without a swap allowance: the limit is all it has.
			[[ -f "$dir/memory.swap.max" ]] && echo 0 >"$dir/memory.swap.max"
			memory_cgroup="$dir" memory_cgroup_version=2
		fi
	fi
	if [[ -z "$memory_cgroup" && -d /sys/fs/cgroup/memory ]]; then
		dir="/sys/fs/cgroup/memory/jwt-auth-bench-$$"
		if [[ ! -w /sys/fs/cgroup/memory ]] || ! mkdir "$dir" 2>/dev/null; then
			why="${why:+$why; }cannot create $dir (cgroup v1)"
		elif ! echo "$bytes" >"$dir/memory.limit_in_bytes" 2>/dev/null; then
			why="${why:+$why; }cannot write $dir/memory.limit_in_bytes"
			rmdir "$dir" 2>/dev/null || true
		else
			# Memory and swap together get the same limit: no swap beyond it (the file is
			# there only when the kernel accounts swap). Not without swap, where it changes
			# nothing: the memory+swap counter reaches the limit first, and recent kernels
			# count no failures on it, so memory.failcnt would stay 0 under the limit.
			if [[ -w "$dir/memory.memsw.limit_in_bytes" ]] &&
				awk '$1 == "SwapTotal:" && $2 > 0 { found = 1 } END { exit !found }' /proc/meminfo; then
				echo "$bytes" >"$dir/memory.memsw.limit_in_bytes"
			fi
			memory_cgroup="$dir" memory_cgroup_version=1
		fi
	fi
	if [[ -z "$memory_cgroup" ]]; then
		echo "BENCH_MEMORY_LIMIT=$BENCH_MEMORY_LIMIT: ${why:-no memory cgroup controller under /sys/fs/cgroup}." >&2
		echo "BENCH_MEMORY_LIMIT needs root and a writable cgroup file system with the memory controller (cgroup v2, or v1 at /sys/fs/cgroup/memory)." >&2
		exit 1
	fi
	# The process joins the cgroup before it starts the JVM, so that every page it touches is
	# charged there; exec keeps the pid, so $! of the launch is the JVM's.
	# shellcheck disable=SC2016
	in_memory_cgroup=(sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$memory_cgroup")
}

# Page cache is charged to the cgroup that first reads a page: the files the training run
# wrote (the AOT cache, the extracted jars) are dropped from it, so that the service's
# cgroup pays for them as a container reading its image would.
uncache_files() {
	[[ -n "$memory_cgroup" ]] || return 0
	# Written pages are dirty until synced, and only clean ones can be dropped.
	find "$@" -type f -exec sync {} +
	find "$@" -type f -exec dd of=/dev/null iflag=nocache count=0 status=none if={} \;
}

# One line on the cgroup: its limit, peak, how often the limit was hit and OOM kills.
memory_cgroup_report() {
	[[ -n "$memory_cgroup" ]] || return 0
	local limit peak hits kills
	if ((memory_cgroup_version == 2)); then
		limit="$(cat "$memory_cgroup/memory.max")"
		if [[ -f "$memory_cgroup/memory.peak" ]]; then peak="peak $(($(cat "$memory_cgroup/memory.peak") / 1048576)) MB"
		else peak="now $(($(cat "$memory_cgroup/memory.current") / 1048576)) MB (no memory.peak in this kernel)"; fi
		hits="$(awk '$1 == "max" { print $2 }' "$memory_cgroup/memory.events")"
		kills="$(awk '$1 == "oom_kill" { print $2 }' "$memory_cgroup/memory.events")"
	else
		limit="$(cat "$memory_cgroup/memory.limit_in_bytes")"
		peak="peak $(($(cat "$memory_cgroup/memory.max_usage_in_bytes") / 1048576)) MB"
		hits="$(cat "$memory_cgroup/memory.failcnt")"
		# With swap, the memory+swap limit is the one reached, and counted there if at all.
		[[ -f "$memory_cgroup/memory.memsw.failcnt" ]] && hits=$((hits + $(cat "$memory_cgroup/memory.memsw.failcnt")))
		kills="$(awk '$1 == "oom_kill" { print $2 }' "$memory_cgroup/memory.oom_control")"
	fi
	echo "Memory cgroup (v$memory_cgroup_version): limit $((limit / 1048576)) MB, $peak, limit hit ${hits:-?} times, ${kills:-?} OOM kills;" \
		"its usage counts the page cache (the AOT cache file, H2's files), which the kernel reclaims under the limit, unlike RSS"
}

remove_memory_cgroup() {
	[[ -n "$memory_cgroup" ]] || return 0
	# The processes must be gone; a killed one can take a moment to leave the cgroup.
	for _ in $(seq 1 50); do
		rmdir "$memory_cgroup" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "could not remove $memory_cgroup" >&2
}
