import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Controller, Get, HttpCode, HttpStatus, Inject, NotFoundException, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REMINDER_ADMINS, type ReminderLogEntry } from '@rag-ledger/contract';
import { Roles } from '../auth/decorators';
import { actorOf } from '../auth/principal';
import { ReadResponses } from '../common/api-docs';
import { Ctx, type CommandContext } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { attachmentDisposition } from '../evidence-documents/download-headers';
import { RemindersQueryDto } from './dto/reminders-query.dto';
import { ReminderLog } from './reminder-log';
import { RemindersService, type RemindersRun } from './reminders.service';

const RUN_EXAMPLE: RemindersRun = {
  meetingId: 'IB-2014-03-12',
  channel: 'smtp',
  reminded: [{ owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', actionIds: ['EDU.2.1', 'EDU.3.4'] }],
  notReminded: [
    { owner: 'GC', why: 'already reminded for this meeting' },
    { owner: 'JL', why: 'the directory has no e-mail for Jane Lloyd' },
  ],
};

const LOG_EXAMPLE: ReminderLogEntry[] = [
  { meetingId: 'IB-2014-03-12', boardId: 'IB', sentAt: '2014-03-03T08:00:00.000Z', channel: 'smtp', owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', actionIds: ['EDU.2.1', 'EDU.3.4'], file: null },
];

/** The reminders before meetings, for admins: send now, see who was chased and when, open a digest written without SMTP. */
@ApiTags('reminders')
@Controller()
export class RemindersController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersService,
    private readonly log: ReminderLog,
  ) {}

  @Post('meetings/:id/reminders')
  @HttpCode(HttpStatus.CREATED)
  @Roles(...REMINDER_ADMINS)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "Send the meeting's reminder digests now (admin): one per owner with actions to chase in the board's plans, never twice for the same meeting; over SMTP, or written to the data directory without it",
  })
  @ApiResponse({ status: 201, description: 'Who was reminded (and recorded in RemindersSent), and who not and why', schema: { example: RUN_EXAMPLE } })
  @ApiResponse({ status: 404, description: 'Unknown meeting' })
  @ApiResponse({ status: 422, description: 'The meeting has been held' })
  send(@Param('id', ParseIdPipe) meetingId: string, @Ctx() ctx: CommandContext): Promise<RemindersRun> {
    // Neither Idempotency-Key nor If-Match: a repeat is harmless already (the owners reminded are left out), and one run may record several events.
    return this.reminders.sendFor(meetingId, { actor: actorOf(ctx.principal), correlationId: ctx.correlationId });
  }

  @Get('reminders')
  @Roles(...REMINDER_ADMINS)
  @ApiOperation({ summary: 'The reminders sent or written before meetings (admin), newest first: who, what, when, by which channel' })
  @ReadResponses(LOG_EXAMPLE, false)
  list(@Query() query: RemindersQueryDto): Promise<ReminderLogEntry[]> {
    return this.log.entries(query.meetingId);
  }

  @Get('reminders/:meetingId/:owner')
  @Roles(...REMINDER_ADMINS)
  @ApiOperation({ summary: 'A digest written to the data directory without SMTP (admin), as the e-mail it would have been (message/rfc822)' })
  @ApiResponse({ status: 200, description: 'The .eml file' })
  @ApiResponse({ status: 404, description: 'No digest was written for that owner before that meeting' })
  async file(@Param('meetingId', ParseIdPipe) meetingId: string, @Param('owner') owner: string, @Query() _query: ReadQueryDto): Promise<StreamableFile> {
    const entry = (await this.log.entries(meetingId)).find((e) => e.owner === owner && e.file !== null);
    if (!entry?.file) throw new NotFoundException(`No digest was written for "${owner}" before meeting "${meetingId}".`);
    // The path comes from the recorded event, never from the request; still, nothing outside the reminders folder is served.
    const root = resolve(this.config.dataDir, 'reminders');
    const path = resolve(join(this.config.dataDir, entry.file));
    if (!path.startsWith(root + sep)) throw new NotFoundException(`No digest was written for "${owner}" before meeting "${meetingId}".`);
    const size = await stat(path).then((s) => s.size, () => undefined);
    if (size === undefined) throw new NotFoundException(`The digest for "${owner}" before meeting "${meetingId}" is no longer in the data directory.`);
    return new StreamableFile(createReadStream(path), { type: 'message/rfc822', disposition: attachmentDisposition(`${meetingId}-${owner}.eml`), length: size });
  }
}
