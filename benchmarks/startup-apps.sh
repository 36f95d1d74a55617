# The applications of benchmarks/startup-http.sh and startup-classes.sh (sourced by both; run from
# the repository's root). Each starts a real server, calls it once, prints "first-200 <epoch ms>"
# when it answered 200, and exits:
#   spring-logback   Spring MVC 6.2 on embedded Tomcat 10.1, Logback 1.5 on the class path
#   spring-log4j2    the same with Log4j2 2.26 instead of Logback
#   tomcat           Tomcat 10.1 with two web applications (JUL through Tomcat's JULI)
#   modular          a named module on the module path: the JDK's HTTP server (com.sun.net.httpserver),
#                    its own SLF4J 2 + Logback 1.5 (examples/src/module/.../FirstOkModular)
#   boot-logback     the Spring Boot 3 fat jar of examples/spring-boot-logback, run with -jar
#   boot-log4j2      the same with Log4j2 (examples/spring-boot-log4j2)
# The Boot jars are the examples users start as they ship them: they do not call themselves, so
# startup-http.sh waits for their "listening on port" line, asks GET /health until it answers 200,
# and stops them (boot_first_200); startup-classes.sh counts their classes up to that line.
# Needs `mvn -B -DskipTests package` (which also lays out the integration tests' class-path sets).
all_apps=(spring-logback spring-log4j2 tomcat modular boot-logback boot-log4j2)
libs=integration-tests/target/libs

setup() { # [app ...] -> apps (all when none named), agent, base (AGENT, BASE), out (a temporary folder)
  apps=("$@")
  [ ${#apps[@]} -gt 0 ] || apps=("${all_apps[@]}")
  agent=${AGENT:-agent/target/faultline-agent.jar}
  base=${BASE:-}
  [ -f "$agent" ] && [ -d examples/target/classes ] && [ -d examples/target/module-classes ] && [ -d "$libs/spring" ] \
    && [ -f examples/spring-boot-logback/target/orders.jar ] && [ -f examples/spring-boot-log4j2/target/orders.jar ] || {
    echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
}

launch() { # app -> the java arguments after the options
  local cp=examples/target/classes sets="" s
  case $1 in
    spring-logback) sets="spring logback15" ;;
    spring-log4j2) sets="spring log4j2" ;;
    tomcat) sets="tomcat10" ;;
    modular) sets="logback15"; cp=examples/target/module-classes ;;
  esac
  for s in $sets; do cp="$cp:$(ls "$libs/$s"/*.jar | tr '\n' ':')"; done
  case $1 in
    spring-*) echo -cp "$cp" com.example.startup.FirstOk spring ;;
    tomcat) echo -cp "$cp" com.example.startup.FirstOk tomcat ;;
    modular) echo --module-path "$cp" -m com.example.modular/com.example.modular.FirstOkModular ;;
    boot-*) echo -jar "examples/spring-boot-${1#boot-}/target/orders.jar" --server.port=0 ;;
  esac
}

# A Boot fat jar (launch boot-*): started in the background with the given java arguments; prints
# "first-200 <epoch ms>" once GET /health answered 200, then stops it. stdout/stderr of the JVM go to $out.
boot_first_200() {
  java "$@" > "$out/boot.out" &
  local pid=$! port="" i
  for i in $(seq 1 3000); do
    port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$out/boot.out" | head -n 1)
    [ -z "$port" ] || break
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.05
  done
  [ -n "$port" ] || { kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null; return 1; }
  for i in $(seq 1 3000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; then
      echo "first-200 $(date +%s%3N)"
      break
    fi
    sleep 0.05
  done
  # CPU up to the first 200 (user and system seconds, as /usr/bin/time writes them for the others).
  awk '{ sub(/^.*\) /, ""); printf "%.2f %.2f\n", $12 / 100, $13 / 100 }' "/proc/$pid/stat" > "$out/time" 2> /dev/null || true
  kill "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null || true
}

run_app() { # app java-options... -> runs it to its first 200: $out/stdout, $out/stderr, "user sys" seconds in $out/time
  local app=$1
  shift
  case $app in
    boot-*) boot_first_200 "$@" $(launch "$app") > "$out/stdout" 2> "$out/stderr" ;;
    *) /usr/bin/time -f '%U %S' -o "$out/time" java "$@" $(launch "$app") > "$out/stdout" 2> "$out/stderr" || true ;;
  esac
}

mainclass() { # app -> its main class
  case $1 in
    modular) echo com.example.modular.FirstOkModular ;;
    boot-*) echo org.springframework.boot.loader.launch.JarLauncher ;;
    *) echo com.example.startup.FirstOk ;;
  esac
}

agent_options() { # variant agent.jar spool-parent -> the agent's options: defaults, plus a MongoDB URI
  # where nothing listens, and a spool dir of its own per run: with MongoDB unreachable each run leaves
  # its last health report in the spool, which a later run would replay (after its quiet start:
  # not during the start-up measured here, but each run starts alike).
  [ "$1" = none ] || echo -javaagent:"$2" -Dfaultline.service=startup -Dfaultline.mongo.uri=mongodb://127.0.0.1:1 \
    -Dfaultline.shutdown.timeout=1s -Dfaultline.spool.dir="$(mktemp -d "$3/spool.XXXX")"
}
