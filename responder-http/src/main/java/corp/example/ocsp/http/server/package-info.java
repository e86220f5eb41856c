/**
 * The Netty HTTP front end: {@link corp.example.ocsp.http.server.OcspServer} binds the listeners,
 * {@link corp.example.ocsp.http.server.OcspChannelInitializer} builds each connection's pipeline,
 * and {@link corp.example.ocsp.http.server.OcspHttpHandler} turns GET and POST requests into OCSP
 * answers, in request order, without blocking the event loop.
 */
package corp.example.ocsp.http.server;
