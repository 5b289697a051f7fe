/** The health service and the built-in checks; private. */
package dev.siprec.health.internal;
