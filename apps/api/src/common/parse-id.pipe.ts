import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { ID_MESSAGE, ID_PATTERN } from './validation';

/** Path ids are checked like body ids, so a malformed one is a 400, not a lookup. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ID_PATTERN.test(value)) throw new BadRequestException([`id ${ID_MESSAGE}`]);
    return value;
  }
}
