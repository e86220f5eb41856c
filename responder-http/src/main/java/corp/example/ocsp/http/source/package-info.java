/**
 * Status sources as the server wires them: which kinds a configuration can name ({@link
 * corp.example.ocsp.http.source.SourceKinds}), how one reads its section ({@link
 * corp.example.ocsp.http.source.SourceKind}), what a running one offers the server ({@link
 * corp.example.ocsp.http.source.OpenSource}: lookups, reachability, changes for the cache) and the
 * admin commands ({@link corp.example.ocsp.http.source.SourceAdmin}, whose writes a source that is
 * not the record refuses). Each kind lives in a package of its own below this one, with its
 * configuration binding; nothing else in the server names a concrete source.
 */
package corp.example.ocsp.http.source;
