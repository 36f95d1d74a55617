# The applications of benchmarks/startup-http.sh and startup-classes.sh (sourced by both; run from
# the repository's root). Each starts a real server, calls it once, prints "first-200 <epoch ms>"
# when it answered 200, and exits:
#   spring-logback   Spring MVC 6.2 on embedded Tomcat 10.1, Logback 1.5 on the class path
#   spring-log4j2    the same with Log4j2 2.26 instead of Logback
#   tomcat           Tomcat 10.1 with two web applications (JUL through Tomcat's JULI)
#   modular          a named module on the module path: the JDK's HTTP server (com.sun.net.httpserver),
#                    its own SLF4J 2 + Logback 1.5 (examples/src/module/.../FirstOkModular)
# Needs `mvn -B -DskipTests package` (which also lays out the integration tests' class-path sets).
all_apps=(spring-logback spring-log4j2 tomcat modular)
libs=integration-tests/target/libs

setup() { # [app ...] -> apps (all when none named), agent, base (AGENT, BASE), out (a temporary folder)
  apps=("$@")
  [ ${#apps[@]} -gt 0 ] || apps=("${all_apps[@]}")
  agent=${AGENT:-agent/target/faultline-agent.jar}
  base=${BASE:-}
  [ -f "$agent" ] && [ -d examples/target/classes ] && [ -d examples/target/module-classes ] && [ -d "$libs/spring" ] || {
    echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
}

launch() { # app -> the java arguments after the options
  local cp=examples/target/classes sets s
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
  esac
}

mainclass() { # app -> its main class
  case $1 in modular) echo com.example.modular.FirstOkModular ;; *) echo com.example.startup.FirstOk ;; esac
}

agent_options() { # variant agent.jar spool-parent -> the agent's options: defaults, plus a MongoDB URI
  # where nothing listens, and a spool dir of its own per run: with MongoDB unreachable each run leaves
  # its last health report in the spool, and a spool left by an earlier run makes the next start
  # connect at once to replay it.
  [ "$1" = none ] || echo -javaagent:"$2" -Dfaultline.service=startup -Dfaultline.mongo.uri=mongodb://127.0.0.1:1 \
    -Dfaultline.shutdown.timeout=1s -Dfaultline.spool.dir="$(mktemp -d "$3/spool.XXXX")"
}
