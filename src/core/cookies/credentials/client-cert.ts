// A request that failed on a TLS client-certificate error: the certificate is a credential too
// (Fetch §2.2.5 "credentials": cookies, HTTP authentication entries and TLS client certificates).
// Error names from Chromium's net/base/net_error_list.h.
import type { Finding } from '../../types';
import { credentialFix, ON_THE_PAGE } from '../fix';
import { PARAGRAPH } from '../words';

export const CLIENT_CERT = 'client-cert';

const ERRORS: Record<string, string> = {
  'net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED': 'the server asked for a client certificate and none was selected',
  'net::ERR_BAD_SSL_CLIENT_AUTH_CERT': 'the server rejected the client certificate (untrusted, expired, or none sent)',
  'net::ERR_SSL_CLIENT_AUTH_SIGNATURE_FAILED': "the client certificate's private key could not sign the handshake",
  'net::ERR_SSL_CLIENT_AUTH_CERT_NO_PRIVATE_KEY': 'the client certificate has no private key on this device',
  'net::ERR_SSL_CLIENT_AUTH_PRIVATE_KEY_ACCESS_DENIED': "the browser was denied access to the client certificate's private key",
  'net::ERR_SSL_CLIENT_AUTH_NO_COMMON_ALGORITHMS': 'the client certificate and the server share no signature algorithm',
  'net::ERR_SSL_CLIENT_AUTH_CERT_BAD_FORMAT': 'the client certificate could not be read',
};

export const isClientCertError = (error: unknown): error is string => typeof error === 'string' && Object.hasOwn(ERRORS, error);

export function clientCertFinding(a: { url: string; hop: number; error: string; pageOrigin: string }): Finding | undefined {
  if (!isClientCertError(a.error)) return undefined;
  const todo =
    "Install the certificate (with its private key) in the browser's certificate store, or let the server accept the request without one (nginx: ssl_verify_client optional; then answer 401 to the API call). " +
    "A fetch offers a client certificate only with credentials: 'include'; the CORS preflight never carries one, so the server must not require it for OPTIONS.";
  return {
    kind: 'cookie',
    rule: CLIENT_CERT,
    code: a.error.replace(/^net::/, ''),
    stage: 'response',
    severity: 'warning',
    hop: a.hop,
    url: a.url,
    hint: a.error,
    cause: `client certificate: ${ERRORS[a.error]}`,
    message: `The request to ${a.url} failed with ${a.error}: ${ERRORS[a.error]}.`,
    explanation:
      `The request from ${a.pageOrigin} to ${a.url} failed during the TLS handshake (${a.error}): ${ERRORS[a.error]}. No HTTP response arrived, so there is no CORS check and no status.` +
      PARAGRAPH +
      'A TLS client certificate is a credential, like a cookie: the browser presents it only for credentialed requests, and the server decides whether the handshake goes on.' +
      PARAGRAPH +
      todo,
    fix: credentialFix({ hop: a.hop, headers: [], notes: [todo], spec: ON_THE_PAGE }),
    credential: { phase: 'cert', name: a.error, attributes: '', also: [] },
  };
}
