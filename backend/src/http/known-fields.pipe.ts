import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationError, getMetadataStorage, validate } from 'class-validator';

/**
 * Refuses body and query fields a DTO does not declare, by name, before class-transformer sees
 * them. The ValidationPipe's forbidNonWhitelisted misses keys the DTO instance already has through
 * its prototype (toString, valueOf, hasOwnProperty, a method such as toParams) and "prototype":
 * class-transformer leaves those out of the instance, so they were accepted while every other
 * unknown key got 400. The answer lists every problem of the request at once: the declared
 * fields' too, as the ValidationPipe would have named them.
 */
@Injectable()
export class KnownFieldsPipe implements PipeTransform {
  async transform(value: unknown, { type, metatype }: ArgumentMetadata): Promise<unknown> {
    if ((type !== 'body' && type !== 'query') || !metatype || !isPlainObject(value)) return value;
    const declared = declaredFields(metatype);
    if (declared.size === 0) return value;
    const unknown = Object.keys(value).filter((key) => !declared.has(key));
    if (unknown.length === 0) return value;
    const known = Object.fromEntries(Object.entries(value).filter(([key]) => declared.has(key)));
    const problems = (await validate(plainToInstance(metatype, known) as object)).flatMap(messagesOf);
    throw new BadRequestException([...problems, ...unknown.map((key) => `property ${key} should not exist`)]);
  }
}

function messagesOf(error: ValidationError): string[] {
  return [...Object.values(error.constraints ?? {}), ...(error.children ?? []).flatMap(messagesOf)];
}

function declaredFields(metatype: Function): Set<string> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
  return new Set(metadata.map((entry) => entry.propertyName));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
