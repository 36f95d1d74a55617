#!/usr/bin/env bash
# What the JVM's class-file hook costs per class, apart from any agent's own work: a JVM that
# loads the JDK classes of its class-data-sharing class list that were not loaded yet (1,100-1,200
# on JDK 17, from the CDS archive) and then defines a few thousand small classes from bytes (not
# in any archive), timed in-process, run three ways in rotating order each round:
#   none      no agent
#   empty     -javaagent with a premain that returns at once
#   null      -javaagent whose premain registers a ClassFileTransformer that returns null: the JVM
#             then hands every class's bytes to Java (what any weaving agent pays, Faultline too)
# Prints per variant the median microseconds per class of each kind and the spread. Settles
# whether the hook is what a weaving agent adds to a large application's start (it is a few
# microseconds a class: docs/BENCHMARKS.md, "The class-file hook, per class").
#
#   benchmarks/hook-cost.sh [runs] [classes defined]   (default: 15 runs, 3000 classes)
set -euo pipefail
runs=${1:-15}
defined=${2:-3000}
jdk_bin=$(dirname "$(readlink -f "$(command -v java)")")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/src/n" "$out/classes"
cat > "$out/src/n/NullAgent.java" <<'JAVA'
package n;
public final class NullAgent {
  public static void premain(String args, java.lang.instrument.Instrumentation inst) {
    if ("empty".equals(args)) return;
    inst.addTransformer(new java.lang.instrument.ClassFileTransformer() {
      @Override public byte[] transform(Module m, ClassLoader l, String name, Class<?> c, java.security.ProtectionDomain d, byte[] b) { return null; }
    }, true);
  }
}
JAVA
cat > "$out/src/LoadMany.java" <<'JAVA'
import java.nio.file.*;
import java.util.*;
public class LoadMany {
  public static void main(String[] a) throws Exception {
    List<String> names = Files.readAllLines(Path.of(a[0]));
    int n = 0;
    long t0 = System.nanoTime();
    for (String s : names) { try { Class.forName(s.replace('/', '.'), false, null); n++; } catch (Throwable t) { } }
    long t1 = System.nanoTime();
    int m = Integer.parseInt(a[1]);
    byte[] b = LoadMany.class.getResourceAsStream("/Tiny.class").readAllBytes();
    long t2 = System.nanoTime();
    for (int i = 0; i < m; i++) { new ClassLoader(null) { Class<?> d() { return defineClass("Tiny", b, 0, b.length); } }.d(); }
    long t3 = System.nanoTime();
    System.out.printf("%.2f %.2f%n", (t1 - t0) / 1e3 / n, (t3 - t2) / 1e3 / m);
  }
}
JAVA
echo 'public class Tiny { int x; public int f() { return x + 1; } }' > "$out/src/Tiny.java"
"$jdk_bin/javac" -d "$out/classes" "$out/src/n/NullAgent.java" "$out/src/LoadMany.java" "$out/src/Tiny.java"
printf 'Premain-Class: n.NullAgent\nCan-Retransform-Classes: true\n' > "$out/manifest"
"$jdk_bin/jar" cfm "$out/null.jar" "$out/manifest" -C "$out/classes" n
# The JDK's own class list (what its CDS archive holds), lambda forms left out.
grep -v '^[#@]' "$jdk_bin/../lib/classlist" | sed 's/ .*//' | grep -v 'Lambda' > "$out/names"
variants=(none empty null)
options() { case $1 in none) ;; empty) echo "-javaagent:$out/null.jar=empty" ;; null) echo "-javaagent:$out/null.jar" ;; esac; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $("$jdk_bin/java" -version 2>&1 | head -n 1); $(nproc) cores"
for i in $(seq 0 $((runs - 1))); do
  for k in "${!variants[@]}"; do
    v=${variants[$(( (i + k) % ${#variants[@]} ))]}
    echo "$v $("$jdk_bin/java" $(options "$v") -cp "$out/classes" LoadMany "$out/names" "$defined")" >> "$out/results"
  done
done
med() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f (%.2f..%.2f)", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'; }
printf '%-6s | %-28s | %-28s\n' variant "us per JDK class (CDS)" "us per class defined from bytes"
for v in "${variants[@]}"; do
  printf '%-6s | %-28s | %-28s\n' "$v" "$(awk -v v="$v" '$1 == v { print $2 }' "$out/results" | med)" "$(awk -v v="$v" '$1 == v { print $3 }' "$out/results" | med)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
