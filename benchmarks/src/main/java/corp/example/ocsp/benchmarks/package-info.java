/** JMH benchmarks. */
package corp.example.ocsp.benchmarks;
