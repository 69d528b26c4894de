import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { secretChecks } from './checks.js';

/** Codes from the previous or next 30-second step are accepted, for clock drift. */
const EPOCH_TOLERANCE_SECONDS = 30;

export interface TotpEnrolment {
  secret: string;
  uri: string;
  /** The otpauth URI as a QR code, an SVG data URL rendered here: nothing leaves the server. */
  qrSvg: string;
}

export function newTotpSecret(): string {
  return generateSecret();
}

export async function totpEnrolment(secret: string, username: string): Promise<TotpEnrolment> {
  const uri = generateURI({ issuer: 'Homeward', label: username, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}` };
}

/**
 * Checks a 6-digit code. Returns the time step it belongs to, or undefined.
 * A code from `lastStep` or earlier is refused, so each code works once.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now: Date,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  secretChecks.totp += 1;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: EPOCH_TOLERANCE_SECONDS,
      ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    return undefined;
  }
}
