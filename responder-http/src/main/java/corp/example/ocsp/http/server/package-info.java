/**
 * The Netty HTTP front end: {@link corp.example.ocsp.http.server.OcspServer} binds the listeners,
 * {@link corp.example.ocsp.http.server.OcspChannelInitializer} builds each connection's pipeline,
 * and {@link corp.example.ocsp.http.server.OcspHttpHandler} turns GET and POST requests into OCSP
 * answers, in request order, without blocking the event loop: per request an
 * {@link corp.example.ocsp.http.server.Exchange}, checked by
 * {@link corp.example.ocsp.http.server.HttpGuards}, answered through its
 * {@link corp.example.ocsp.http.server.Connection}'s in-order queue. The admin listener
 * ({@link corp.example.ocsp.http.server.AdminServer}) lives here too.
 */
package corp.example.ocsp.http.server;
