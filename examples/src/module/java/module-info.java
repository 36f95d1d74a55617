/**
 * An application on the module path with its own SLF4J and Logback (issue 13): run with
 * {@code --module-path ... -m com.example.modular/com.example.modular.ModularApp}; {@code FirstOkModular} is
 * benchmarks/startup-http.sh's module-path application (the JDK's HTTP server). Compiled by
 * its own execution of the compiler plugin (examples/pom.xml) into target/module-classes.
 */
module com.example.modular {
    requires org.slf4j;
    requires jdk.httpserver;
}
