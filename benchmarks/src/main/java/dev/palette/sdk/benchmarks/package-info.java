/**
 * JMH benchmarks of the engine's hot paths. Never part of the test run: run them with
 * {@code mvn -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar}.
 */
package dev.palette.sdk.benchmarks;
