/**
 * The configuration file: one YAML document, {@code ${ENV}} substitution for secrets, every setting
 * validated with an error that names it, relative paths resolved against the file's directory.
 * {@link corp.example.ocsp.http.config.ConfigFile#load} returns a
 * {@link corp.example.ocsp.http.config.ServerConfig} or throws a
 * {@link corp.example.ocsp.http.config.ConfigException} with one line to show the operator.
 */
package corp.example.ocsp.http.config;
