import { Module } from '@nestjs/common';
import { GetMeetingPackHandler } from './get-meeting-pack.query';
import { MeetingPackController } from './meeting-pack.controller';

/** A meeting's pack as it was issued: GET /api/meetings/:id/pack?format=html|pdf|docx|json. */
@Module({
  controllers: [MeetingPackController],
  providers: [GetMeetingPackHandler],
})
export class MeetingPacksModule {}
