export const BASIC_AUTH_REALM = "Lookbook admin";

export interface AdminCredentials {
  user: string | undefined;
  password: string | undefined;
}

/**
 * Checks an `Authorization: Basic …` header against the configured credentials.
 * Missing configuration never grants access: an unset user or password refuses everyone.
 */
export async function isAuthorizedBasic(
  authorization: string | null,
  expected: AdminCredentials,
): Promise<boolean> {
  if (!expected.user || !expected.password) return false;
  const given = parseBasicAuthorization(authorization);
  if (!given) return false;
  // Both comparisons always run so timing does not reveal which half was wrong.
  const [userOk, passwordOk] = await Promise.all([
    timingSafeEqualText(given.user, expected.user),
    timingSafeEqualText(given.password, expected.password),
  ]);
  return userOk && passwordOk;
}

export function parseBasicAuthorization(
  header: string | null,
): { user: string; password: string } | null {
  const match = header?.match(/^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return null;
  let decoded: string;
  try {
    const binary = atob(match[1]);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const separator = decoded.indexOf(":");
  if (separator < 0) return null;
  return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

/**
 * Compares SHA-256 digests byte by byte without early exit: hashing first makes the
 * comparison length-independent, so neither the length nor a matching prefix leaks.
 */
export async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [digestA, digestB] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  const bytesA = new Uint8Array(digestA);
  const bytesB = new Uint8Array(digestB);
  let difference = 0;
  for (let i = 0; i < bytesA.length; i++) difference |= bytesA[i] ^ bytesB[i];
  return difference === 0;
}
