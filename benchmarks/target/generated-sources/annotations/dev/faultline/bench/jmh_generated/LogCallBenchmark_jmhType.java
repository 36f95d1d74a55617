package dev.faultline.bench.jmh_generated;
public class LogCallBenchmark_jmhType extends LogCallBenchmark_jmhType_B3 {
}

