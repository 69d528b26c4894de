import type { FastifyInstance } from 'fastify';

/**
 * The page may load only from this server: no inline script or style, no
 * other host, no framing. `data:` images are for QR codes rendered locally,
 * `blob:` ones for an evidence photo's working copy, fetched and shown in place.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'x-dns-prefetch-control': 'off',
};

/** Sets the security headers on every answer, and no-store on everything but hashed assets. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    for (const [name, value] of Object.entries(HEADERS)) reply.header(name, value);
    const path = request.url.split('?', 1)[0] ?? '';
    // Vite names built assets by content hash, so they never change under a name.
    if (path.startsWith('/assets/') && reply.statusCode === 200) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    } else {
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}
