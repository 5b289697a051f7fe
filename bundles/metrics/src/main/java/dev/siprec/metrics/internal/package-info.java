/** Prometheus exposition and the HTTP endpoint; private. */
package dev.siprec.metrics.internal;
