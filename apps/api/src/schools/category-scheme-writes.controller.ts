import { BadRequestException, Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_ADMINS } from '@rag-ledger/contract';
import { EXAMPLE_SCHEMES, withoutUndefined, type CategorySchemeCommand } from '@rag-ledger/domain';
import type { CommandResult } from '@rag-ledger/write-path';
import { Roles } from '../auth/decorators';
import { CommandResponses } from '../common/api-docs';
import { Ctx, type CommandContext } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ChangeCategorySchemeCommand } from './commands/change-category-scheme.command';
import { DefineCategorySchemeDto, ReviseCategorySchemeDto, type SchemeCategoryDto } from './dto/category-scheme.dto';

const IdempotencyHeaders = () => ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer and writes nothing' });

/** The council's category and intervention-stage schemes (admins): defined, or taken from the shipped examples, and revised with a reason. */
@ApiTags('schools')
@Controller()
export class CategorySchemeWritesController {
  constructor(private readonly commands: CommandBus) {}

  @Post('category-schemes')
  @HttpCode(HttpStatus.CREATED)
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: "Define a category scheme (admin): { id, name, kind, categories }, or { example: 'norfolk' | 'warwickshire' | 'essex-stages' } for a shipped one. Answers { id, revision, position }" })
  @IdempotencyHeaders()
  @CommandResponses(HttpStatus.CREATED)
  define(@Body() dto: DefineCategorySchemeDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    let command: CategorySchemeCommand;
    if (dto.example !== undefined) {
      if (dto.id !== undefined || dto.name !== undefined || dto.kind !== undefined || dto.categories !== undefined) {
        throw new BadRequestException(['Give either an example, or a scheme of your own (id, name, kind, categories), not both']);
      }
      const example = EXAMPLE_SCHEMES.find((s) => s.schemeId === dto.example)!;
      command = { type: 'DefineCategoryScheme', data: { schemeId: example.schemeId, name: example.name, kind: example.kind, categories: example.categories } };
    } else {
      command = { type: 'DefineCategoryScheme', data: { schemeId: dto.id!, name: dto.name!, kind: dto.kind!, categories: categoriesOf(dto.categories!) } };
    }
    return this.commands.execute(new ChangeCategorySchemeCommand(command, ctx));
  }

  @Post('category-schemes/:id/revision')
  @HttpCode(HttpStatus.CREATED)
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Revise a category scheme (admin): the whole new list, a new name if any, and the reason; categorisations made under the earlier list keep their codes' })
  @IdempotencyHeaders()
  @ApiHeader({ name: 'If-Match', required: false, description: 'The scheme\'s revision you last saw: 409 if it changed since' })
  @CommandResponses(HttpStatus.CREATED)
  revise(@Param('id', ParseIdPipe) schemeId: string, @Body() dto: ReviseCategorySchemeDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    return this.commands.execute(
      new ChangeCategorySchemeCommand({ type: 'ReviseCategoryScheme', data: withoutUndefined({ schemeId, name: dto.name, categories: categoriesOf(dto.categories), reason: dto.reason }) }, ctx),
    );
  }
}

/** Plain objects, only the fields given (the DTO instances carry nothing else, but the event should be plain data). */
const categoriesOf = (categories: SchemeCategoryDto[]) =>
  categories.map((c) => withoutUndefined({ code: c.code, label: c.label, order: c.order, group: c.group, visitEveryWeeks: c.visitEveryWeeks }));
