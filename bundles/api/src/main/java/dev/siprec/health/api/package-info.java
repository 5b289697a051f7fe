/**
 * Health of the server for operators and load balancers: Apache Felix Health Check services tagged
 * {@link dev.siprec.health.api.HealthService#TAG} (plug-ins may add their own) are run by the Felix
 * executor for the one {@link dev.siprec.health.api.HealthService}, whose verdict is shown by {@code siprec:status},
 * served over HTTP at {@code /health} and used by the SIP core to answer {@code OPTIONS} with
 * {@code 503} (RFC 3261 §11, §21.5.4) while the server is unhealthy.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package dev.siprec.health.api;
