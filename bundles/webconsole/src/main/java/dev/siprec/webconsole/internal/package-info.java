/** The SIPREC page of the Apache Felix Web Console and its login with the admin channel's credentials. */
package dev.siprec.webconsole.internal;
