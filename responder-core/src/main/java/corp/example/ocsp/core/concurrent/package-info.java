/**
 * Where the project's threads come from: {@link corp.example.ocsp.core.concurrent.DaemonThreads}
 * makes every thread of the responder, the store and the server (daemons with names that say what
 * they do), except Netty's event loops, which Netty makes itself (see {@code Transport} in the
 * server package for why).
 */
package corp.example.ocsp.core.concurrent;
