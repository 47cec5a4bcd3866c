/** Post bodies carry their send time, so every receiver can compute post→delivery latency. */
export function makeBody(sentAt: number, n: number, chars: number): string {
  const head = `bench t=${sentAt.toFixed(3)} n=${n} `;
  return (
    head +
    'Lorem ipsum dolor sit amet, integration braucht Zeit. '
      .repeat(Math.ceil(chars / 50))
      .slice(0, Math.max(0, chars - head.length))
  );
}

/** The send time in a bench body, or NaN. */
export function sentAtOf(body: unknown): number {
  if (typeof body !== 'string' || !body.startsWith('bench t=')) return NaN;
  const end = body.indexOf(' ', 8);
  return Number(body.slice(8, end));
}
