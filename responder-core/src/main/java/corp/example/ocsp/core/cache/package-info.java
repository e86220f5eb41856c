/**
 * The precomputed response cache: complete, signed responses keyed by (issuer, serial, CertID hash
 * algorithm), bounded by bytes, never served past nextUpdate; and a status cache of known
 * certificates, both kept correct by the change feed; or, for a source with a freshness bound
 * instead, responses that remember when their status was read, served within the bound and
 * re-checked past it, and statuses used only within the bound of their read. Every write carries a ticket taken before
 * its lookup, so a lookup that raced a change can never put back the old answer. Behind the heap, a
 * persistent store ({@link corp.example.ocsp.core.cache.StoredResponses}, implemented by module
 * response-store) may keep every answer across restarts. The bounds are checked against the heap
 * ({@link corp.example.ocsp.core.cache.HeapBudget}) and the heap is watched at run time
 * ({@link corp.example.ocsp.core.cache.MemoryPressure}): under pressure the cache stops growing.
 * Outside the engine only {@link corp.example.ocsp.core.cache.CacheFigures}, the store SPI and the
 * sizing types are seen.
 */
package corp.example.ocsp.core.cache;
