import type { RequestHandler } from 'express'
import helmet from 'helmet'

/**
 * Security headers on every response. The CSP is the strictest the admin UI (Next, which inlines
 * its bootstrap scripts and styles) and the reference renderer work under: nothing from other
 * origins except the preview site the admin frames for Live Preview; no plugins; framed by this
 * origin only. HSTS only in production, where the CMS is served over HTTPS.
 */
export function securityHeaders({ production, previewUrl }: { production: boolean; previewUrl?: string }): RequestHandler {
  const previewOrigin = previewUrl ? [new URL(previewUrl).origin] : []
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'", ...(production ? [] : ["'unsafe-eval'"])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(production ? [] : ['ws:', 'wss:'])],
        frameSrc: ["'self'", ...previewOrigin],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Sites on other origins show the images and read the API.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'sameorigin' },
  })
}
