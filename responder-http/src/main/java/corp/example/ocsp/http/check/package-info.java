/**
 * The {@code check} command's engine: asks any OCSP responder for one certificate's status and
 * judges the answer as a Nagios/Icinga plugin does ({@link CheckState}: OK, WARNING, CRITICAL,
 * UNKNOWN, exit codes 0 to 3), with one line of output and performance data. The answer is
 * verified as a relying party would: a successful response, signed by the CA or by a certificate
 * the CA issued with id-kp-OCSPSigning and valid now, for the CertID asked, the nonce echoed when
 * one was sent, thisUpdate not in the future, nextUpdate far enough away.
 */
package corp.example.ocsp.http.check;
