/**
 * Counters a bundle publishes for operators: {@link dev.siprec.stats.api.StatisticsSource}
 * services are collected by {@code siprec:stats} (and by any exporter), from this project's bundles
 * and from plug-ins written elsewhere alike.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.siprec.stats.api;
