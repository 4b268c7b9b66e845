import { createHash } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import type { OwnerDigest } from '@rag-ledger/domain';
import type { DigestMessage } from './digest-message';

/**
 * The same Message-ID every time for one meeting and one owner: should a digest ever go twice
 * (a crash between the server taking it and the event being written), mail systems that drop
 * duplicates by Message-ID drop it, and the two copies are plainly the same reminder.
 */
export function digestMessageId(meetingId: string, owner: string, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'localhost';
  const ownerPart = `${owner.replace(/[^A-Za-z0-9-]/g, '')}-${createHash('sha256').update(owner).digest('hex').slice(0, 8)}`;
  return `<reminder.${meetingId.replace(/[^A-Za-z0-9.-]/g, '-')}.${ownerPart}@${host}>`;
}

/** A digest as nodemailer takes it, the same for SMTP and for the file written without SMTP. */
export function digestMail(
  digest: OwnerDigest,
  message: DigestMessage,
  options: { from: string; publicUrl: string; date: Date; to: string },
): SendMailOptions {
  return {
    from: options.from,
    to: digest.name ? { name: digest.name, address: options.to } : options.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    date: options.date,
    messageId: digestMessageId(digest.meetingId, digest.owner, options.publicUrl),
    // RFC 3834: an automatic message, so out-of-office replies are not sent back to it.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-RAG-Ledger-Meeting': digest.meetingId },
  };
}
