/**
 * Status sources per CA: a configuration whose CAs keep their own records ({@code index:} in an
 * {@code issuers} entry) opens one source per such CA beside the shared one (the {@code database:}
 * or {@code cfssl:} section, needed only while some CA has no source of its own), and {@link
 * corp.example.ocsp.http.source.routing.RoutedSource} answers each lookup, readiness check, change
 * and inventory entry from the source of its CA. The shared source's records of a CA that has its
 * own source are ignored (except, for a CA answered from its CRL, what it holds of serials not on the
 * CRL: whether they were issued), and the admin writes for such a CA are refused, naming its own tool.
 */
package corp.example.ocsp.http.source.routing;
