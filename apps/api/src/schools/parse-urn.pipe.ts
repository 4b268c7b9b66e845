import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { URN_MESSAGE, URN_PATTERN } from './dto/school-writes.dto';

/** A school in a path is named by its URN; anything else is a 400 before anything is read. */
@Injectable()
export class ParseUrnPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!URN_PATTERN.test(value)) throw new BadRequestException([`${URN_MESSAGE}, such as 121212.`]);
    return value;
  }
}
