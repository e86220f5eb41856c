/** The deployable server: the Netty HTTP front end, configuration and command line. */
package corp.example.ocsp.http;
