import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message the test server took: its envelope and its raw text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * What the server does with each message it is sent (`attempt` counts the messages offered,
 * from 1): take it, refuse it with an SMTP reply, or drop the connection in the middle.
 */
export type Behaviour = (attempt: number, to: string[]) => 'accept' | { refuse: number; message: string } | 'drop';

export interface SmtpTestServer {
  url: string;
  received: ReceivedMail[];
  /** Messages offered, whatever became of them. */
  attempts: () => number;
  close: () => Promise<void>;
}

/**
 * A real SMTP server (smtp-server, the library nodemailer's authors keep) on loopback, port
 * chosen by the system: the tracker's sender talks to it exactly as to a council's relay.
 */
export async function startSmtpTestServer(behaviour: Behaviour = () => 'accept'): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no self-signed certificate for the client to refuse.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      attempts++;
      const to = session.envelope.rcptTo.map((r) => r.address);
      const decision = behaviour(attempts, to);
      const chunks: Buffer[] = [];
      if (decision === 'drop') {
        // Gone mid-message: the client sees the connection closed, never a reply.
        stream.on('data', () => undefined);
        destroyConnection(server, session);
        return;
      }
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (decision === 'accept') {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        } else {
          callback(Object.assign(new Error(decision.message), { responseCode: decision.refuse }));
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** smtp-server keeps its connections in a set; the one serving this session is closed at once. */
function destroyConnection(server: SMTPServer, session: SMTPServerSession): void {
  const connections = (server as unknown as { connections: Set<{ id: string; _socket?: { destroy(): void } }> }).connections;
  for (const connection of connections) if (connection.id === session.id) connection._socket?.destroy();
}

/** A received message's headers (first occurrence, lower-case names, folded lines joined) and its parts' decoded bodies by type. */
export function parseMail(raw: string): { headers: Record<string, string>; parts: Record<string, string> } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = headerMap(head);
  const body = rest.join('\r\n\r\n');
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  const parts: Record<string, string> = {};
  const sections = boundary ? body.split(`--${boundary}`).slice(1, -1) : [`${head}\r\n\r\n${body}`];
  for (const section of sections) {
    const [partHead, ...partBody] = section.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const h = headerMap(partHead);
    const type = (h['content-type'] ?? 'text/plain').split(';')[0].trim();
    parts[type] = decode(partBody.join('\r\n\r\n').replace(/\r?\n$/, ''), h['content-transfer-encoding'] ?? '7bit');
  }
  return { headers, parts };
}

function headerMap(head: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) map[line.slice(0, i).trim().toLowerCase()] ??= line.slice(i + 1).trim();
  }
  return map;
}

function decode(text: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    // Every byte that is not escaped is ASCII: percent-decoding the escapes gives the UTF-8 text.
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return text;
}
