import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { DemoStatus } from '@rag-ledger/contract';
import { DemoMarksQueries } from '@rag-ledger/projections';
import { SignedIn } from '../auth/decorators';

@ApiTags('demo')
@Controller('demo')
export class DemoController {
  constructor(private readonly marks: DemoMarksQueries) {}

  @Get()
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Whether the log holds demonstration data (written by `npm run demo`, each event marked `demo: true`)' })
  @ApiResponse({ status: 200, description: 'OK', schema: { example: { demo: true, endsAt: '2015-03-20T16:00:00.000Z' } } })
  @ApiResponse({ status: 401, description: 'Not signed in, and no valid token' })
  status(): DemoStatus {
    const marks = this.marks.marks();
    return { demo: marks.demo, endsAt: marks.lastAt };
  }
}
