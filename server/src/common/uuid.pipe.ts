import { BadRequestException, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is shaped like a uuid (what Postgres takes for one). */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Route ids are uuids; anything else is a 400 rather than a database error. */
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new BadRequestException(`"${value}" is not a valid id`);
    return value;
  }
}
