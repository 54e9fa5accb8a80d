// Times as the server and the browser both render them (no locale or time zone: no hydration mismatch).

/** "2026-11-23T17:20:05.123Z" -> "2026-11-23 17:20:05 UTC" */
export function formatTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}
